/** `inkstone new`: writes a new post with its front matter filled in, never over an existing file. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { loadConfig } from '../config/load.js';
import { jekyllConfigAdapter } from '../jekyll/config.js';
import { parsePostDate } from '../content/dates.js';
import { slugify } from '../content/slug.js';
import { diagnosticFromError, formatDiagnostic } from '../core/diagnostics.js';
import { ConfigError, InkstoneError } from '../core/errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './terminal.js';

/** Options of `inkstone new`. */
export interface NewCommandOptions {
  /** Comma-separated tags. */
  tags?: string;
  draft?: boolean;
  /** The site directory; default the current directory. */
  site?: string;
  /** Publication date (`YYYY-MM-DD` or a full date); default now, in the site's time zone. */
  date?: string;
}

/** Creates `posts/YYYY-MM-DD-<slug>.md` for `title`; returns the exit code. */
export async function newCommand(title: string, options: NewCommandOptions, io: CliIo): Promise<ExitCode> {
  const siteDir = path.resolve(options.site ?? '.');
  try {
    const { config } = await loadConfig(siteDir, {}, jekyllConfigAdapter);
    const slug = slugify(title);
    if (!slug)
      throw new ConfigError(
        'usage',
        `cannot make a file name from the title ${JSON.stringify(title)}: use some letters or digits`,
      );
    let date: DateTime = DateTime.now().setZone(config.timezone).startOf('second');
    if (options.date !== undefined) {
      const parsed = parsePostDate(options.date, config.timezone);
      if (!parsed.ok) throw new ConfigError('usage', `--date: ${parsed.reason}`);
      date = parsed.date;
    }
    const tags = (options.tags ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const frontMatter: Record<string, unknown> = {
      title,
      date: date.toFormat('yyyy-MM-dd HH:mm:ss ZZZ'),
      description: '',
      tags,
      categories: [],
    };
    if (options.draft) frontMatter.draft = true;
    const relPath = `posts/${date.toFormat('yyyy-MM-dd')}-${slug}.md`;
    const file = path.join(siteDir, relPath);
    await mkdir(path.dirname(file), { recursive: true });
    const text = `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\nWrite the post here. Everything above the first paragraph break is its excerpt.\n`;
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new InkstoneError(
          'exists',
          'a post with this name already exists: choose another title, or edit that post',
          { file: relPath },
        );
      }
      throw error;
    }
    io.stdout.write(`Created ${relPath}${options.draft ? ' (draft: build with --drafts to see it)' : ''}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InkstoneError)) throw error;
    io.stderr.write(`${formatDiagnostic(diagnosticFromError(error))}\n`);
    return error instanceof ConfigError ? EXIT.usage : EXIT.content;
  }
}

/** `inkstone init [DIR]`: writes a new blog that builds at once (see starter-files.ts), never over existing files. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { diagnosticFromError, formatDiagnostic } from '../core/diagnostics.js';
import { ConfigError, InkstoneError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { starterFiles } from './starter-files.js';
import type { CliIo } from './terminal.js';

/** Options of `inkstone init`. */
export interface InitCommandOptions {
  /** The blog's title; default: from the folder's name. */
  title?: string;
}

/** Entries a new folder may already have: a repository just cloned or created. */
const ALLOWED = new Set(['.git', '.gitattributes', 'README.md', 'LICENSE', 'LICENSE.md', 'LICENSE.txt']);

/** Writes a new blog into `dir` (made if missing; an existing one must hold nothing but `ALLOWED`). */
export async function initCommand(dir: string, options: InitCommandOptions, io: CliIo): Promise<ExitCode> {
  const target = path.resolve(dir);
  const shown = displayPath(process.cwd(), target) || '.';
  try {
    const existing = await readdir(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw new ConfigError('usage', `cannot read the folder ${shown} (${error.code ?? error.message})`);
    });
    const others = existing.filter((name) => !ALLOWED.has(name)).sort();
    if (others.length > 0) {
      const listed = others.slice(0, 5).join(', ') + (others.length > 5 ? `, and ${others.length - 5} more` : '');
      throw new ConfigError(
        'usage',
        `${shown} is not empty (${listed}): init writes a new blog into a new or empty folder, and never over existing files`,
      );
    }
    const name = path.basename(target);
    const files = await starterFiles({
      title: options.title ?? titleFromFolder(name),
      packageName: packageNameOf(name),
      date: DateTime.now().toFormat('yyyy-MM-dd'),
    });
    for (const [rel, text] of Object.entries(files)) {
      const file = path.join(target, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text, { flag: 'wx' });
    }
    const cd = shown === '.' ? '' : `  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}\n`;
    io.stdout.write(
      `Created a blog in ${shown}:\n${Object.keys(files)
        .map((rel) => `  ${rel}\n`)
        .join(
          '',
        )}Next:\n${cd}  npx inkstone dev       # the blog at http://localhost:4000/, reloading as you write\n  npm install            # once, to pin inkstone's version (package.json) for builds and the Pages workflow\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof InkstoneError)) throw error;
    io.stderr.write(`${formatDiagnostic(diagnosticFromError(error))}\n`);
    return EXIT.usage;
  }
}

/** `my-blog` → `My blog`; a name without letters gives a generic title. */
function titleFromFolder(name: string): string {
  const words = name.replace(/[-_.]+/g, ' ').trim();
  if (!/\p{L}/u.test(words)) return 'My technical blog';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A valid npm package name made from a folder name. */
function packageNameOf(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return cleaned || 'my-blog';
}

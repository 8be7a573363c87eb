import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { MAX_HIGHLIGHTED_LENGTH } from '../../src/markdown/plugins/code.js';
import { MAX_FORMULA_LENGTH } from '../../src/markdown/plugins/math.js';
import { removeDir, writeSite } from '../helpers/site.js';

describe('size bounds', () => {
  it('shows an oversized formula and code block as plain source, with a warning each', async () => {
    const formula = `${'x+'.repeat(MAX_FORMULA_LENGTH / 2 + 1)}x`;
    const code = 'let x = 1;\n'.repeat(MAX_HIGHLIGHTED_LENGTH / 11 + 1);
    const site = await writeSite('bounds', {
      'posts/2024-01-01-big.md': `Intro.\n\n$${formula}$\n\n\`\`\`js\n${code}\`\`\`\n`,
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        `posts/2024-01-01-big.md:3:2 warning[math] formula of ${formula.length} characters is longer than 20000: shown as source`,
        `posts/2024-01-01-big.md:5:1 warning[code-size] code block of ${code.length} characters is longer than 200000: shown without highlighting`,
      ]);
      const page = String(result.files.find((f) => f.outputPath === '2024/01/big/index.html')?.contents);
      expect(page).toContain(`<code class="math-error">$${formula.slice(0, 20)}`);
      expect(page).not.toContain('--shiki-dark:#FF7B72">let</span>');
    } finally {
      await removeDir(site);
    }
  });

  it('builds a 5 MB post', async () => {
    const paragraph = `${'A sentence about caches and $O(n \\log n)$ sorting, with **bold** text. '.repeat(20)}\n\n`;
    const body = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    const site = await writeSite('five-mb', { 'posts/2024-01-01-huge.md': `---\ntitle: Huge\n---\n${body}` });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(true);
      expect(
        String(result.files.find((f) => f.outputPath === '2024/01/huge/index.html')?.contents).length,
      ).toBeGreaterThan(5 * 1024 * 1024);
    } finally {
      await removeDir(site);
    }
  }, 120_000);
});

describe('hostile front matter', () => {
  it('reports YAML nested too deeply at its line, with a code frame cut to a window', async () => {
    const depth = 20_000;
    const site = await writeSite('deep-yaml', {
      'posts/2024-01-01-a.md': `---\ntitle: x\nnest: ${'['.repeat(depth)}${']'.repeat(depth)}\n---\nbody\n`,
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.ok).toBe(false);
      const [diagnostic] = result.diagnostics;
      expect(formatDiagnosticHeader(diagnostic!)).toMatch(
        /^posts\/2024-01-01-a\.md:3:\d+ error\[front-matter\] invalid YAML: nested too deeply$/,
      );
      const { formatDiagnostic } = await import('../../src/core/diagnostics.js');
      const frame = formatDiagnostic(diagnostic!).split('\n');
      expect(frame).toHaveLength(3);
      expect(frame[1]!.length).toBeLessThan(140);
      expect(frame[1]).toMatch(/^ {2}3 \| …\[+…$/);
    } finally {
      await removeDir(site);
    }
  });
});

describe('term pages and feeds stay linear in the number of terms', () => {
  /** Output bytes of every file under `tags/` for a site of `posts` posts with `tags` distinct tags each. */
  async function tagBytes(posts: number, tags: number): Promise<{ files: number; bytes: number; page: number }> {
    const files: Record<string, string> = { 'inkstone.yml': 'title: T\nurl: https://blog.example/\n' };
    for (let p = 0; p < posts; p++) {
      files[`posts/p${p}.md`] =
        `---\ntitle: P${p}\ndate: 2024-01-01\ntags: [${Array.from({ length: tags }, (_, t) => `t${p}-${t}`).join(', ')}]\n---\nBody.\n`;
    }
    const site = await writeSite('terms', files);
    try {
      const result = await build({ siteDir: site, write: false, cache: false });
      const under = result.files.filter((f) => f.outputPath.startsWith('tags/t'));
      const page = result.files.find((f) => f.outputPath === 'tags/t0-1/index.html')!;
      return {
        files: under.length,
        bytes: under.reduce((n, f) => n + Buffer.byteLength(f.contents), 0),
        page: Buffer.byteLength(page.contents),
      };
    } finally {
      await removeDir(site);
    }
  }

  it("doubling the terms doubles the files and bytes written for them, and a tag page does not grow with its posts' tags", async () => {
    const small = await tagBytes(2, 100);
    const large = await tagBytes(4, 100);
    expect(small.files).toBe(2 * 100 * 2); // a page and a feed per tag
    expect(large.files).toBe(2 * small.files);
    expect(large.bytes / small.bytes).toBeGreaterThan(1.9);
    expect(large.bytes / small.bytes).toBeLessThan(2.1);
    // A list card shows 8 tags and "+92 more": a tag page of a 100-tag post is about the size of one of an 8-tag post.
    const few = await tagBytes(1, 8);
    expect(small.page - few.page).toBeLessThan(400);
  });
});

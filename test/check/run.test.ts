import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from '../../src/check/run.js';
import { runCli } from '../../src/cli/main.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { removeDir, writeSite } from '../helpers/site.js';

const SITE = {
  'inkstone.yml': 'url: https://example.org/blog/\n',
  'posts/2024-01-01-a.md': [
    '---',
    'title: A',
    '---',
    '',
    '# Intro',
    '',
    'See [b](/2024/01/b/#part) and [b2](/2024/01/b/#missing) and [gone](/nope/).',
    '',
    'Local [self](#intro), [bad](#nothere) and ![img](/img/x.png) and [file](/files/data.csv).',
    '',
    '<span id="intro"></span>',
    '',
  ].join('\n'),
  'posts/2024-01-02-b.md': '---\ntitle: B\n---\n\n## Part\n\nBack to [a](/2024/01/a/#intro).\n',
  'static/files/data.csv': 'a,b\n',
};

let site: string;
beforeAll(async () => {
  site = await writeSite('check', SITE);
});
afterAll(() => removeDir(site));

describe('inkstone check', () => {
  it('finds broken links, images, anchors and duplicate ids, at the line of the Markdown', async () => {
    const result = await checkSite({ siteDir: site });
    expect(result.build.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      'posts/2024-01-01-a.md error[duplicate-id] id "intro" is used more than once on /2024/01/a/index.html',
      'posts/2024-01-01-a.md:7:36 error[anchor] broken anchor /blog/2024/01/b/#missing: /2024/01/b/index.html has no element with id "missing" (from /2024/01/a/index.html)',
      'posts/2024-01-01-a.md:7:68 error[link] broken link to /blog/nope/: nothing is built at that address (from /2024/01/a/index.html)',
      'posts/2024-01-01-a.md:9:29 error[anchor] broken anchor #nothere: /2024/01/a/index.html has no element with id "nothere" (from /2024/01/a/index.html)',
      'posts/2024-01-01-a.md:9:50 error[link] broken link to /blog/img/x.png: nothing is built at that address (from /2024/01/a/index.html)',
    ]);
    expect(result.pagesChecked).toBe(7);
    // The pages are checked with their search box; the index, which nothing links to, is not made.
    expect(result.build.search).toBeUndefined();
    expect(result.build.files.filter((f) => f.outputPath.startsWith('pagefind/'))).toEqual([]);
    const page = result.build.files.find((f) => f.outputPath === '2024/01/a/index.html')!;
    expect(Buffer.from(page.contents).toString('utf8')).toContain('data-search-open');
  });

  it('exits 1 with the diagnostics and a summary, and writes nothing', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['check', site], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'posts/2024-01-01-a.md:7:68 error[link] broken link to /blog/nope/: nothing is built at that address (from /2024/01/a/index.html)\n  7 | See [b]',
    );
    expect(stderr).toMatch(/Checked 7 pages and \d+ links in \d+\.\d\d s: 5 errors, 0 warnings\.\n$/);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(site)).includes('_site')).toBe(false);
  });

  it('passes a clean site', async () => {
    const clean = await writeSite('check-clean', {
      'inkstone.yml': 'url: https://example.org/\n',
      'posts/2024-01-01-a.md': '# A\n\n[top](#a)\n',
    });
    try {
      const result = await checkSite({ siteDir: clean });
      expect(result.diagnostics).toEqual([]);
    } finally {
      await removeDir(clean);
    }
  });
});

describe('inkstone check --external', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') res.writeHead(200).end('ok');
      else if (req.url === '/nohead') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
      // Never answers: the check's timeout is the only way out, however slow the machine.
      else if (req.url === '/slow') return;
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('checks each external URL once, with HEAD then GET, and a timeout', async () => {
    const line3 = `[missing](${origin}/missing) [slow](${origin}/slow) [ok again](${origin}/ok)`;
    const dir = await writeSite('check-external', {
      'inkstone.yml': 'url: https://example.org/\n',
      'posts/2024-01-01-a.md': `[ok](${origin}/ok) [nohead](${origin}/nohead)\n\n${line3}\n`,
    });
    try {
      const result = await checkSite({
        siteDir: dir,
        external: true,
        // Long enough for a loaded machine to answer the local server; /slow never answers.
        externalOptions: { timeoutMs: 5_000, concurrency: 2 },
      });
      expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
        `posts/2024-01-01-a.md:3:11 warning[external-link] external link ${origin}/missing failed: HTTP 404 (from /2024/01/a/index.html)`,
        `posts/2024-01-01-a.md:3:${line3.indexOf(`${origin}/slow`) + 1} warning[external-link] external link ${origin}/slow failed: no answer within 5 s (from /2024/01/a/index.html)`,
      ]);
    } finally {
      await removeDir(dir);
    }
  });
});

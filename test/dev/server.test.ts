/**
 * The dev server over real sockets: what it serves, the status codes of what it refuses (traversal,
 * malformed targets, foreign hosts and origins), that it keeps answering after each, and that the
 * watcher survives a symbolic link loop and a deleted folder.
 */
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dev, type DevServer } from '../../src/dev/dev.js';
import { MAX_LIVE_CLIENTS } from '../../src/dev/live-reload.js';
import type { RebuildReport } from '../../src/dev/session.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { PATIENCE_MS, WAITING_TEST_TIMEOUT_MS } from '../helpers/wait.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` as written (no client-side normalisation) and reads the response until the server closes or `untilText` appears. */
function raw(port: number, request: string, untilText?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const finish = () => {
      socket.destroy();
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    };
    socket.on('data', (chunk) => {
      data += chunk.toString('utf8');
      if (untilText && data.includes(untilText)) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(request);
  });
}

const get = (port: number, target: string, headers: Record<string, string> = { Host: `127.0.0.1:${port}` }) =>
  raw(
    port,
    `GET ${target} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}Connection: close\r\n\r\n`,
  );

describe('the dev server', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  let site: string;
  let server: DevServer;
  let port: number;
  const reports: RebuildReport[] = [];
  const waiters: Array<(r: RebuildReport) => void> = [];
  /**
   * The rebuilds from now on, up to the first after which `test` accepts them all together (the
   * watcher may report one change of the disk in several batches, each its own rebuild).
   */
  const rebuildsUntil = (test: (since: readonly RebuildReport[]) => boolean) =>
    new Promise<RebuildReport[]>((resolve, reject) => {
      const since: RebuildReport[] = [];
      const waiter = (r: RebuildReport) => {
        since.push(r);
        if (!test(since)) return;
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(waiter), 1);
        resolve(since);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        const seen = since.map((r) => ({ changed: r.changed, removed: r.removed }));
        reject(new Error(`no such rebuilds; since the wait began: ${JSON.stringify(seen)}`));
      }, PATIENCE_MS);
      waiters.push(waiter);
    });
  /** The rebuilds from now on, up to the first that `test` accepts. */
  const rebuildWhere = async (test: (r: RebuildReport) => boolean) =>
    (await rebuildsUntil((since) => test(since.at(-1)!))).at(-1)!;

  beforeAll(async () => {
    site = await writeSite('dev-server', {
      'posts/2024-01-01-hello.md':
        '---\ntitle: Hello\ndate: 2024-01-01\ntags: [python]\n---\n\nHello from the dev server.\n',
      'static/notes.txt': 'plain text\n',
    });
    server = await dev({
      siteDir: site,
      port: 0,
      queue: { delayMs: 20, maxDelayMs: 200 },
      onRebuild: (report) => {
        reports.push(report);
        for (const waiter of [...waiters]) waiter(report);
      },
    });
    port = server.port;
  });
  afterAll(async () => {
    await server?.close();
    await removeDir(site);
  });

  it('serves pages with the live-reload client, no caching and no CORS headers', async () => {
    const page = await get(port, '/2024/01/hello/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(Object.keys(page.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(page.body).toContain('Hello from the dev server.');
    expect(page.body).toContain(
      '<script data-inkstone-dev data-served="2024/01/hello/index.html" data-wanted="2024/01/hello/index.html" data-generation="1">',
    );
    const text = await get(port, '/notes.txt');
    expect([text.status, text.headers['content-type'], text.body]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'plain text\n',
    ]);
  });

  it('serves pretty URLs and redirects a folder asked without its slash', async () => {
    expect((await get(port, '/tags/python/')).status).toBe(200);
    const moved = await get(port, '/tags/python?x=1');
    expect([moved.status, moved.headers.location]).toEqual([301, '/tags/python/?x=1']);
  });

  it("answers an unknown path with the site's 404 page and status 404", async () => {
    const missing = await get(port, '/no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<h1>Page not found</h1>');
    expect(missing.body).toContain('data-served="404.html" data-wanted="no/such/page/index.html"');
  });

  const refused: Array<[string, number]> = [
    ['/../../etc/passwd', 400],
    ['/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', 400],
    ['/..%2f..%2fetc%2fpasswd', 400],
    ['/..\\..\\etc\\passwd', 400],
    ['/%5c..%5c..%5cetc%5cpasswd', 400],
    ['/index.html%00.txt', 400],
    ['/%ff%fe', 400],
    ['//evil.example/', 400],
    ['http://evil.example/', 400],
    ['*', 400],
    ['/%252e%252e/etc/passwd', 404],
  ];
  for (const [target, status] of refused) {
    it(`answers ${target} with ${status} and keeps answering`, async () => {
      expect((await get(port, target)).status).toBe(status);
      expect((await get(port, '/')).status).toBe(200);
    });
  }

  it('answers requests Node cannot parse with 400 and keeps answering', async () => {
    expect((await raw(port, 'GET /a\0b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).status).toBe(400);
    expect((await raw(port, 'NONSENSE\r\n\r\n')).status).toBe(400);
    expect((await get(port, '/')).status).toBe(200);
  });

  it('refuses requests for other host names (DNS rebinding) and requests without a Host', async () => {
    expect((await get(port, '/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get(port, '/', { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(port, '/', { Host: `192.168.1.20:${port}` })).status).toBe(403);
    expect((await raw(port, 'GET / HTTP/1.0\r\n\r\n')).status).toBe(403);
    expect((await get(port, '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('allows GET and HEAD only', async () => {
    const post = await raw(
      port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
    const head = await raw(port, `HEAD / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('refuses the live-reload stream to pages of other origins, and greets its own', async () => {
    expect(
      (await get(port, '/__inkstone/events', { Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' })).status,
    ).toBe(403);
    expect(
      (await get(port, '/__inkstone/events', { Host: `127.0.0.1:${port}`, Origin: 'http://localhost:1' })).status,
    ).toBe(403);
    const stream = await raw(
      port,
      `GET /__inkstone/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n\r\n`,
      '"hello"',
    );
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(Object.keys(stream.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(stream.body).toContain(`data: {"type":"hello","generation":${server.session.generation()}}`);
  });

  it('answers 414 to a huge request target and 431 to huge headers, and keeps answering', async () => {
    expect((await raw(port, `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)).status).toBe(
      414,
    );
    expect(
      (await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`)).status,
    ).toBe(431);
    expect((await get(port, '/')).status).toBe(200);
  });

  it('tells browsers that other sites may not load its files (CORP)', async () => {
    expect((await get(port, '/')).headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await get(port, '/no/such/page/')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it(`caps the live-reload streams at ${MAX_LIVE_CLIENTS}`, async () => {
    // A server of its own: no stream of an earlier test may still be counted, so the count is exact.
    const capSite = await writeSite('dev-server-cap', { 'posts/2024-01-01-a.md': '---\ntitle: A\n---\n\nA.\n' });
    const capped = await dev({ siteDir: capSite, port: 0 });
    const sockets: Socket[] = [];
    try {
      const open = () =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(capped.port, '127.0.0.1');
          sockets.push(socket);
          socket.once('data', (chunk) => resolve(chunk.toString('utf8').split('\r\n')[0]!));
          socket.on('error', reject);
          socket.write(
            `GET /__inkstone/events HTTP/1.1\r\nHost: 127.0.0.1:${capped.port}\r\nOrigin: http://127.0.0.1:${capped.port}\r\n\r\n`,
          );
        });
      const statuses: string[] = [];
      for (let i = 0; i < MAX_LIVE_CLIENTS + 1; i++) statuses.push(await open());
      expect(statuses).toEqual([
        ...Array<string>(MAX_LIVE_CLIENTS).fill('HTTP/1.1 200 OK'),
        'HTTP/1.1 503 Service Unavailable',
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await capped.close();
      await removeDir(capSite);
    }
  });

  it('survives a symbolic link loop and a deleted folder, and still sees new posts', async () => {
    await symlink('.', path.join(site, 'posts', 'loop'));
    await mkdir(path.join(site, 'posts', 'sub'));
    const added = rebuildWhere((r) => r.changed.includes('2024/02/sub/index.html'));
    await writeFile(
      path.join(site, 'posts', 'sub', '2024-02-01-sub.md'),
      '---\ntitle: Sub\ndate: 2024-02-01\n---\n\nIn a folder.\n',
    );
    expect((await added).ok).toBe(true);
    // Both posts' pages go, in one rebuild or in several.
    const removed = rebuildsUntil((since) =>
      ['2024/02/sub/index.html', '2024/01/hello/index.html'].every((p) => since.some((r) => r.removed.includes(p))),
    );
    await rm(path.join(site, 'posts'), { recursive: true });
    expect((await removed).map((r) => r.ok)).not.toContain(false);
    expect((await get(port, '/2024/01/hello/')).status).toBe(404);
    await mkdir(path.join(site, 'posts'));
    const back = rebuildWhere((r) => r.changed.includes('2024/03/back/index.html'));
    await writeFile(
      path.join(site, 'posts', '2024-03-01-back.md'),
      '---\ntitle: Back\ndate: 2024-03-01\n---\n\nBack again.\n',
    );
    expect((await back).ok).toBe(true);
    await server.idle();
    const page = await get(port, '/2024/03/back/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Back again.');
  });
});

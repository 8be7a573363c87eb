/**
 * Hostile and broken input, round two, for the dev server: a post removed while a rebuild (or a build)
 * reads it, many idle keep-alive clients, and a burst of saves. Nothing here sleeps a fixed time or
 * asserts on a duration: races are made to happen in a fixed order (a file removed by the read itself),
 * sockets are awaited until the server closes them, and the queue runs on fake timers.
 */
import { writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { build } from '../../src/build.js';
import { ContentError } from '../../src/core/errors.js';
import { createLiveReload, type LiveReload } from '../../src/dev/live-reload.js';
import { createRebuildQueue, DEFAULT_QUEUE_OPTIONS } from '../../src/dev/queue.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from '../../src/dev/connections.js';
import { startServer, type RunningServer, type ServedSite } from '../../src/dev/server.js';
import { createDevSession, type DevSession } from '../../src/dev/session.js';
import type { OutputFile } from '../../src/types.js';
import { removeDir, writeSite } from '../helpers/site.js';
import { WAITING_TEST_TIMEOUT_MS, waitUntil } from '../helpers/wait.js';

/** Files whose next read removes them: right before it (listed, then gone) or right after it (read, then gone). */
const races = vi.hoisted(() => ({ before: new Set<string>(), after: new Set<string>() }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = (async (file: Parameters<typeof actual.readFile>[0], ...rest: unknown[]) => {
    const key = String(file);
    if (races.before.delete(key)) await actual.rm(key);
    const data = await (actual.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
    if (races.after.delete(key)) await actual.rm(key);
    return data;
  }) as typeof actual.readFile;
  return { ...actual, readFile, default: { ...actual, readFile } };
});
// A build reads posts synchronously (open, read, close): the same races there, at the open and at the close.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const opened = new Map<number, string>();
  const openSync = ((file: Parameters<typeof actual.openSync>[0], ...rest: unknown[]) => {
    const key = String(file);
    if (races.before.delete(key)) actual.rmSync(key);
    const fd = (actual.openSync as (...args: unknown[]) => number)(file, ...rest);
    opened.set(fd, key);
    return fd;
  }) as typeof actual.openSync;
  const closeSync = ((fd: number) => {
    actual.closeSync(fd);
    const key = opened.get(fd);
    opened.delete(fd);
    if (key !== undefined && races.after.delete(key)) actual.rmSync(key);
  }) as typeof actual.closeSync;
  return { ...actual, openSync, closeSync, default: { ...actual, openSync, closeSync } };
});

const POST_A = 'posts/2024-01-01-a.md';
const POST_B = 'posts/2024-01-02-b.md';
const post = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

describe('a post removed while it is being read', () => {
  let site: string;
  let session: DevSession;
  const file = (rel: string) => path.join(site, rel);

  beforeEach(async () => {
    site = await writeSite('abuse-vanish', { [POST_A]: post('A', 'Post A.'), [POST_B]: post('B', 'Post B.') });
    session = createDevSession({ siteDir: site, cache: false });
    expect((await session.rebuild('full')).ok).toBe(true);
    expect(session.served().has('2024/01/b/index.html')).toBe(true);
  });
  afterEach(async () => {
    races.before.clear();
    races.after.clear();
    session.close();
    await removeDir(site);
  });

  const vanished = {
    severity: 'warning',
    code: 'vanished',
    message: 'this file was removed while it was being read: the site is built without it',
    location: { file: POST_B },
  };

  it('is reported as removed, not as a symbolic link, and the dev rebuild goes on without it', async () => {
    await writeFile(file(POST_B), post('B', 'Post B, saved.'));
    races.after.add(file(POST_B));
    const report = await session.rebuild([{ kind: 'post', relPath: POST_B, event: 'change' }]);
    expect(report.diagnostics).toEqual([vanished]);
    expect(report.ok).toBe(true);
    expect(report.removed).toContain('2024/01/b/index.html');
    expect(session.served().has('2024/01/b/index.html')).toBe(false);
    // The watcher's own report of the removal: the warning goes, nothing else happens.
    const unlinked = await session.rebuild([{ kind: 'post', relPath: POST_B, event: 'unlink' }]);
    expect([unlinked.ok, unlinked.diagnostics]).toEqual([true, []]);
    // The next save builds as usual.
    await writeFile(file(POST_B), post('B', 'Post B, back again.'));
    const saved = await session.rebuild([{ kind: 'post', relPath: POST_B, event: 'add' }]);
    expect([saved.ok, saved.diagnostics]).toEqual([true, []]);
    expect(String(session.served().get('2024/01/b/index.html')?.contents)).toContain('Post B, back again.');
  });

  it('is reported as removed in a full rebuild too, which goes on with the other posts', async () => {
    races.after.add(file(POST_B));
    const report = await session.rebuild('full');
    expect([report.ok, report.diagnostics]).toEqual([true, [vanished]]);
    expect(session.served().has('2024/01/b/index.html')).toBe(false);
    expect(session.served().has('2024/01/a/index.html')).toBe(true);
  });

  it('is left out of a full rebuild without a word when it is gone before it is read (the removal is reported by the watcher)', async () => {
    races.before.add(file(POST_B));
    const report = await session.rebuild('full');
    expect([report.ok, report.diagnostics]).toEqual([true, []]);
    expect(session.served().has('2024/01/b/index.html')).toBe(false);
  });

  it('stops `build` with a true message, whether it went between listing and reading or between reading and checking where it leads', async () => {
    for (const race of [races.before, races.after]) {
      await writeFile(file(POST_B), post('B', 'Post B.'));
      race.add(file(POST_B));
      const failure = await build({ siteDir: site, write: false, cache: false }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ContentError);
      const { code, message, location } = failure as ContentError;
      expect({ code, message, location }).toEqual({
        code: 'vanished',
        message: 'this file was removed while it was being read',
        location: { file: POST_B },
      });
    }
  });
});

/** The answer to one request on an open socket: status, headers and body (by Content-Length). */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A client socket that remembers everything it received and whether the server closed it. */
interface Client {
  socket: Socket;
  /** Resolves when the socket is closed, with everything received and whether the server ended it first. */
  closed: Promise<{ received: string; byServer: boolean }>;
  /** Sends a GET and resolves with the answer. */
  get(target: string, headers?: Record<string, string>): Promise<Answer>;
}

function open(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let byServer = false;
    let waiting: (() => void) | undefined;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      waiting?.();
    });
    socket.on('end', () => {
      byServer = true;
      waiting?.();
    });
    const closed = new Promise<{ received: string; byServer: boolean }>((done) =>
      socket.on('close', () => done({ received, byServer })),
    );
    socket.on('error', () => undefined);
    const get = (target: string, headers: Record<string, string> = {}) =>
      new Promise<Answer>((done, fail) => {
        const start = received.length;
        waiting = () => {
          const text = received.slice(start);
          const end = text.indexOf('\r\n\r\n');
          if (end === -1)
            return byServer ? fail(new Error(`closed before an answer: ${JSON.stringify(text)}`)) : undefined;
          const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
          const head = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
          );
          const body = text.slice(end + 4);
          if (body.length < Number(head['content-length'] ?? 0))
            return byServer ? fail(new Error('closed mid-answer')) : undefined;
          waiting = undefined;
          done({ status: Number(statusLine.split(' ')[1]), headers: head, body });
        };
        const lines = Object.entries({ Host: `127.0.0.1:${port}`, Connection: 'keep-alive', ...headers }).map(
          ([k, v]) => `${k}: ${v}\r\n`,
        );
        socket.write(`GET ${target} HTTP/1.1\r\n${lines.join('')}\r\n`);
      });
    socket.once('connect', () => resolve({ socket, closed, get }));
    socket.once('error', reject);
  });
}

describe('many idle keep-alive clients', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  const page: OutputFile = {
    outputPath: 'index.html',
    contents: '<!doctype html><html><head><title>Home</title></head><body>home</body></html>',
    from: 'test',
  };
  const site: ServedSite = { files: () => new Map([['index.html', page]]), generation: () => 1, basePath: () => '/' };
  let live: LiveReload;
  let server: RunningServer | undefined;
  const clients: Client[] = [];
  const serve = async (limits: Partial<ConnectionLimits>) => {
    server = await startServer('127.0.0.1', 0, site, live, { ...DEFAULT_CONNECTION_LIMITS, ...limits });
    return server.port;
  };
  const client = async (port: number) => {
    const c = await open(port);
    clients.push(c);
    return c;
  };

  beforeAll(() => {
    live = createLiveReload(() => [{ type: 'hello', generation: 1 }]);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await server?.close();
    server = undefined;
  });
  afterAll(() => live.close());

  it('documents its limits: 256 connections, 5 s keep-alive, 10 s for a request head, 30 s for a request', async () => {
    expect(DEFAULT_CONNECTION_LIMITS).toEqual({
      maxConnections: 256,
      keepAliveMs: 5_000,
      headersMs: 10_000,
      requestMs: 30_000,
    });
    const port = await serve({});
    const answer = await (await client(port)).get('/');
    expect([answer.status, answer.headers.connection, answer.headers['keep-alive']]).toEqual([
      200,
      'keep-alive',
      'timeout=5',
    ]);
  });

  it('answers connections beyond the cap with 503 and closes them, and takes new ones once a slot is free', async () => {
    const port = await serve({ maxConnections: 3 });
    const kept = await Promise.all([1, 2, 3].map(() => client(port)));
    for (const c of kept) expect((await c.get('/')).status).toBe(200);
    const extra = await client(port);
    const refused = await extra.get('/');
    expect(refused).toEqual({
      status: 503,
      headers: expect.objectContaining({
        connection: 'close',
        'retry-after': '1',
        'content-type': 'text/plain; charset=utf-8',
      }),
      body: 'too many open connections (3 at most): close some, or try again in a moment\n',
    });
    expect((await extra.closed).byServer).toBe(true);
    // A connection over the cap that says nothing is closed too, without an answer.
    const silent = await client(port);
    expect(await silent.closed).toEqual({ received: '', byServer: true });
    // One of the three goes away: once the server has seen it go (which the client cannot see, so it
    // asks again until it is served), a new connection is served.
    kept[0]!.socket.end();
    await kept[0]!.closed;
    const statuses: number[] = [];
    await waitUntil(
      async () => {
        statuses.push((await (await client(port)).get('/')).status);
        return statuses.at(-1) === 200;
      },
      'a new connection is served',
      { detail: () => `statuses: ${statuses.join(', ')}` },
    );
    // Until then, each one was refused.
    expect(statuses.slice(0, -1).every((s) => s === 503)).toBe(true);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout, but not a live-reload stream', async () => {
    const port = await serve({ keepAliveMs: 1_000 });
    const stream = await client(port);
    const events = await new Promise<string>((resolve) => {
      stream.socket.write(`GET /__inkstone/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      stream.socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
    });
    expect(events).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const idle = await client(port);
    const answer = await idle.get('/');
    expect([answer.status, answer.headers['keep-alive']]).toEqual([200, 'timeout=1']);
    const closed = await idle.closed;
    expect(closed.byServer).toBe(true);
    // The stream, idle at least as long, is still open and still told about rebuilds (had the server
    // closed it, it would be closed before it is told).
    expect(stream.socket.destroyed).toBe(false);
    const told = new Promise<string>((resolve) =>
      stream.socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
    );
    live.broadcast({ type: 'ok' });
    expect(await Promise.race([told, stream.closed.then(() => 'closed instead')])).toContain('data: {"type":"ok"}');
  });

  it('closes a connection that sends no request, or never finishes its head, with 408', async () => {
    const port = await serve({ headersMs: 300, requestMs: 600 });
    const silent = await client(port);
    const partial = await client(port);
    partial.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    for (const c of [silent, partial]) {
      const closed = await c.closed;
      expect(closed.byServer).toBe(true);
      expect(closed.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    }
  });
});

describe('a burst of saves', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A queue whose rebuilds record what "the file" holds when they run, and which changes they got. */
  const recording = (file: { text: string }, hold?: Promise<void>) => {
    const built: Array<{ text: string; changes: number[] }> = [];
    const queue = createRebuildQueue<number>(async (batch) => {
      built.push({ text: file.text, changes: batch });
      if (built.length === 1 && hold) await hold;
    });
    return { built, queue };
  };
  const settle = async (queue: { idle(): Promise<void> }) => {
    const idle = queue.idle();
    await vi.runAllTimersAsync();
    await idle;
  };

  it('coalesces 100 saves 10 ms apart into one rebuild, of the last save', async () => {
    const file = { text: 'save 0' };
    const { built, queue } = recording(file);
    for (let i = 1; i <= 100; i++) {
      file.text = `save ${i}`;
      queue.add(i);
      await vi.advanceTimersByTimeAsync(10);
    }
    await settle(queue);
    expect(built).toEqual([{ text: 'save 100', changes: Array.from({ length: 100 }, (_, i) => i + 1) }]);
  });

  it('makes exactly one more rebuild, of the last save, for a burst that starts during a rebuild', async () => {
    const file = { text: 'save 0' };
    let release!: () => void;
    const { built, queue } = recording(file, new Promise<void>((resolve) => (release = resolve)));
    queue.add(0);
    await vi.advanceTimersByTimeAsync(DEFAULT_QUEUE_OPTIONS.delayMs);
    expect(built).toEqual([{ text: 'save 0', changes: [0] }]);
    for (let i = 1; i <= 100; i++) {
      file.text = `save ${i}`;
      queue.add(i);
      await vi.advanceTimersByTimeAsync(10);
      if (i === 50) release();
    }
    await settle(queue);
    expect(built.map((b) => b.text)).toEqual(['save 0', 'save 100']);
    expect(built[1]!.changes).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('still rebuilds a lone save after the short quiet time', async () => {
    const file = { text: 'save 1' };
    const { built, queue } = recording(file);
    queue.add(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_QUEUE_OPTIONS.delayMs - 1);
    expect(built).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(built).toEqual([{ text: 'save 1', changes: [1] }]);
  });

  it('rebuilds a save stream that never pauses at least once per maxDelayMs, each change once and in order', async () => {
    const started: number[] = [];
    const firstAdded = new Map<number, number>();
    const batches: number[][] = [];
    const queue = createRebuildQueue<number>(async (batch) => {
      started.push(Date.now());
      batches.push(batch);
    });
    for (let i = 0; i < 500; i++) {
      firstAdded.set(i, Date.now());
      queue.add(i);
      await vi.advanceTimersByTimeAsync(10);
    }
    await settle(queue);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(Array.from({ length: 500 }, (_, i) => i));
    for (const [k, batch] of batches.entries()) {
      expect(started[k]! - firstAdded.get(batch[0]!)!).toBeLessThanOrEqual(DEFAULT_QUEUE_OPTIONS.maxDelayMs);
    }
  });
});

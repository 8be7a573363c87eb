/**
 * The dev server under many idle keep-alive clients: starts the dev server on a generated site, opens N
 * keep-alive connections that each fetch the site's largest page and then stay open without a word, and
 * samples the server's memory and open sockets before, right after, and every second while they idle.
 *   node --import tsx scripts/dev-connections.ts [--clients 1000] [--idle 10] [--posts 200]
 *     [--variant tech|plain] [--unlimited] [--same-process] [--fetch] [--silent] [--json]
 * By default the server runs in a child process, so the clients' own memory is not counted, and the
 * clients are raw sockets that all connect first and then all ask at once (the most the server ever
 * holds together). `--unlimited` runs the server with Node's defaults instead of its connection limits
 * (no cap, 60 s for a request head), as it was before it had them. `--same-process` runs server and
 * clients in one process, and `--fetch` makes the clients `fetch()` calls (undici's keep-alive pool):
 * together they measure what a test harness in one process sees. `--silent` clients connect and never
 * send a request (how long does the server keep them?). `--json` prints the samples as JSON.
 */
import { fork } from 'node:child_process';
import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

/** What the server process reports about itself. */
interface ServerSample {
  rssMb: number;
  /** Highest RSS seen (polled every 10 ms) since the previous sample. */
  peakRssMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** The same three after a full garbage collection. */
  gc: { rssMb: number; heapUsedMb: number; externalMb: number };
  /** Open sockets of the server process (file descriptors that are sockets). */
  sockets: number;
}

/** One sample, from the client side too. */
interface Sample extends ServerSample {
  label: string;
  /** Client connections still open. */
  open: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function socketCount(): Promise<number> {
  const fds = await readdir('/proc/self/fd').catch(() => [] as string[]);
  let sockets = 0;
  for (const fd of fds) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith('socket:')) sockets++;
  }
  return sockets;
}

/** A running server to measure. */
interface Measured {
  port: number;
  /** The largest page, and its size in bytes. */
  page: string;
  bytes: number;
  sample(): Promise<ServerSample>;
  stop(): Promise<void>;
}

/** Starts the dev server in this process. */
async function startLocal(siteDir: string, unlimited: boolean): Promise<Measured> {
  const { dev } = await import('../src/dev/dev.js');
  const { DEFAULT_CONNECTION_LIMITS } = await import('../src/dev/connections.js');
  // `--unlimited`: Node's own defaults, as the server had before it had limits.
  const connections = unlimited
    ? { maxConnections: Infinity, keepAliveMs: 5_000, headersMs: 60_000, requestMs: 300_000 }
    : DEFAULT_CONNECTION_LIMITS;
  const server = await dev({ siteDir, port: 0, cache: false, connections });
  if (!server.first.ok)
    throw new Error(`the first build failed: ${JSON.stringify(server.first.diagnostics.slice(0, 3))}`);
  const memory = () => {
    const m = process.memoryUsage();
    return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external) };
  };
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  poll.unref();
  const pages = [...server.session.served().values()].filter((f) => f.outputPath.endsWith('.html'));
  const size = (f: (typeof pages)[number]) =>
    typeof f.contents === 'string' ? Buffer.byteLength(f.contents) : f.contents.byteLength;
  const largest = pages.reduce((a, b) => (size(b) > size(a) ? b : a));
  return {
    port: server.port,
    page: largest.outputPath.replace(/index\.html$/, ''),
    bytes: size(largest),
    async sample() {
      const before = memory();
      const peakRssMb = mb(Math.max(peak, process.memoryUsage.rss()));
      (globalThis as { gc?: () => void }).gc?.();
      peak = 0;
      return { ...before, peakRssMb, gc: memory(), sockets: await socketCount() };
    },
    async stop() {
      clearInterval(poll);
      await server.close();
    },
  };
}

/** The child process of startChild: a local server that answers `sample` and `stop` messages. */
async function serveChild(siteDir: string, unlimited: boolean): Promise<void> {
  const server = await startLocal(siteDir, unlimited);
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'sample') process.send!({ type: 'sample', sample: await server.sample() });
    else if (message.type === 'stop') {
      await server.stop();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', port: server.port, page: server.page, bytes: server.bytes });
}

/** Starts the dev server in a child process. */
async function startChild(siteDir: string, unlimited: boolean): Promise<Measured> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', siteDir, ...(unlimited ? ['--unlimited'] : [])], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  type Reply = { type: string; port?: number; page?: string; bytes?: number; sample?: ServerSample };
  const replies: Array<(message: Reply) => void> = [];
  child.on('message', (message: Reply) => replies.shift()?.(message));
  const next = () => new Promise<Reply>((resolve) => replies.push(resolve));
  const ready = await next();
  return {
    port: ready.port!,
    page: ready.page!,
    bytes: ready.bytes!,
    async sample() {
      const reply = next();
      child.send({ type: 'sample' });
      return (await reply).sample!;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

/** One keep-alive client: connects, then (on `go`) fetches `target`, reads the whole answer and stays open. Resolves with the status (0: closed first). */
function client(
  port: number,
  target: string,
  sockets: Set<Socket>,
  go: Promise<void>,
): { connected: Promise<void>; answered: Promise<number> } {
  const socket = connect(port, '127.0.0.1');
  sockets.add(socket);
  const connected = new Promise<void>((resolve) => {
    socket.once('connect', resolve);
    socket.once('close', resolve);
  });
  const answered = new Promise<number>((resolve) => {
    let head = '';
    let status = 0;
    let remaining = -1;
    socket.on('data', (chunk: Buffer) => {
      if (remaining < 0) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        status = Number(head.split(' ')[1]);
        const length = Number(/content-length: *(\d+)/i.exec(head.slice(0, end))?.[1] ?? 0);
        remaining = length - (Buffer.byteLength(head, 'latin1') - end - 4);
      } else remaining -= chunk.length;
      if (remaining <= 0) resolve(status);
    });
    const gone = () => {
      sockets.delete(socket);
      resolve(status);
    };
    socket.on('close', gone);
    socket.on('error', gone);
  });
  if (!args.includes('--silent'))
    void go.then(
      () =>
        socket.writable &&
        socket.write(`GET /${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`),
    );
  return { connected, answered };
}

/** A `fetch()` client (undici keeps the connection open for reuse). Resolves with the status (0: failed). */
function fetchClient(
  port: number,
  target: string,
  go: Promise<void>,
): { connected: Promise<void>; answered: Promise<number> } {
  const answered = go.then(() =>
    fetch(`http://127.0.0.1:${port}/${target}`).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    ),
  );
  return { connected: Promise.resolve(), answered };
}

async function main(): Promise<void> {
  const clients = Number(option('clients', '1000'));
  const idleSeconds = Number(option('idle', '10'));
  const posts = Number(option('posts', '200'));
  const json = args.includes('--json');
  const { writeCorpus } = await import('./bench/corpus.js');
  const site = await mkdtemp(path.join(os.tmpdir(), 'inkstone-connections-'));
  await writeCorpus(site, posts, option('variant', 'tech') === 'plain' ? 'plain' : 'tech');
  const unlimited = args.includes('--unlimited');
  if (args.includes('--same-process') && !(globalThis as { gc?: unknown }).gc)
    throw new Error('--same-process needs node --expose-gc');
  const server = args.includes('--same-process')
    ? await startLocal(site, unlimited)
    : await startChild(site, unlimited);
  const sockets = new Set<Socket>();
  const samples: Sample[] = [];
  const sample = async (label: string) => {
    const s: Sample = { label, open: sockets.size, ...(await server.sample()) };
    samples.push(s);
    if (json) return;
    const n = (v: number) => String(v).padStart(6);
    console.log(
      `${label.padEnd(14)} rss ${n(s.rssMb)} MB (peak ${n(s.peakRssMb)})  heap ${n(s.heapUsedMb)} MB  external ${n(s.externalMb)} MB | after gc: rss ${n(s.gc.rssMb)} heap ${n(s.gc.heapUsedMb)} | server sockets ${String(s.sockets).padStart(5)}  client sockets open ${s.open}`,
    );
  };
  try {
    // The baseline once the first build's memory has been given back (V8 shrinks its heap some seconds
    // after the work): RSS steady within 2 MB over 3 s, or 60 s at most.
    let previous = Infinity;
    for (let waited = 0; waited < 60; waited += 3) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const rss = (await server.sample()).gc.rssMb;
      if (Math.abs(rss - previous) < 2) break;
      previous = rss;
    }
    await sample('baseline');
    // Every client connects first, then all ask at once: the most the server ever holds at one time.
    let go!: () => void;
    const started = new Promise<void>((resolve) => (go = resolve));
    const all = Array.from({ length: clients }, () =>
      args.includes('--fetch')
        ? fetchClient(server.port, server.page, started)
        : client(server.port, server.page, sockets, started),
    );
    await Promise.all(all.map((c) => c.connected));
    await sample('all connected');
    go();
    // Silent clients are never answered: their statuses are not waited for.
    const statuses = args.includes('--silent') ? [] : await Promise.all(all.map((c) => c.answered));
    const counts = new Map<number, number>();
    for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
    if (!json)
      console.log(
        `${clients} clients, /${server.page} (${Math.round(server.bytes / 1024)} KiB): ${[...counts].map(([s, n]) => `${n} × ${s || 'closed unanswered'}`).join(', ')}`,
      );
    await sample('all answered');
    for (let second = 1; second <= idleSeconds; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await sample(`idle ${second} s`);
    }
    if (json)
      console.log(
        JSON.stringify({ clients, page: server.page, statuses: Object.fromEntries(counts), samples }, null, 2),
      );
  } finally {
    for (const socket of sockets) socket.destroy();
    await server.stop();
    await rm(site, { recursive: true, force: true });
  }
}

if (args[0] === '--serve') await serveChild(args[1]!, args.includes('--unlimited'));
else {
  await main();
  process.exit(0);
}

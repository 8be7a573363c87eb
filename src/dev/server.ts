/**
 * The dev HTTP server: serves the session's site from memory (only files the site holds can be sent),
 * injects the live-reload client into HTML, answers unknown paths with the site's 404 page and status
 * 404, and refuses what a local server must refuse: foreign `Host`s (DNS rebinding), foreign `Origin`s
 * on the live-reload stream, and malformed or traversing targets (400). It sends no CORS headers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { OutputFile } from '../types.js';
import { EVENTS_PATH, injectClient } from './client.js';
import { DEFAULT_CONNECTION_LIMITS, limitConnections, serverOptions, type ConnectionLimits } from './connections.js';
import { hostAllowed, originAllowed, type HostPolicy } from './hosts.js';
import type { LiveReload } from './live-reload.js';
import { parseRequestTarget, resolveOutputPath } from './request-target.js';
import { contentsText } from '../output/contents.js';

/** What the server serves. */
export interface ServedSite {
  files(): ReadonlyMap<string, OutputFile>;
  generation(): number;
  /** Where the site lives: `/` or a base path like `/blog/`. */
  basePath(): string;
}

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Content types by extension; anything else is sent as bytes. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** Headers of every response: nothing is cached, nothing is sniffed. */
/** On every answer: nothing cached, no sniffing, and no other site may load these files (CORP). */
const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

/** Longest request line answered with 414 rather than 431 when Node's header limit (16 KiB) is passed. */
const LONG_TARGET = 8 * 1024;

/** Starts listening on `host:port` (port 0: any free port). Rejects when the port cannot be bound. */
export async function startServer(
  host: string,
  port: number,
  site: ServedSite,
  live: LiveReload,
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): Promise<RunningServer> {
  const policy: HostPolicy = { host, port };
  const server: Server = createServer(serverOptions(limits), (req, res) => {
    try {
      if (gate.refused(req.socket)) refuse(res, limits.maxConnections);
      else answer(req, res, site, live, policy);
    } catch (error) {
      // A bug must cost one request, never the server.
      if (!res.headersSent) text(res, 500, `internal error: ${(error as Error).message}\n`);
      else res.destroy();
    }
  });
  const gate = limitConnections(server, limits);
  // Requests Node cannot even parse (a raw NUL in the target, broken headers): 400, and the server goes on.
  // Past Node's header limit: 414 when the request line itself is too long, 431 for the headers.
  // A request not sent in time (see connections.ts): 408.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    let status = '400 Bad Request';
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') status = '408 Request Timeout';
    else if (error.code === 'HPE_HEADER_OVERFLOW') {
      const packet = error.rawPacket?.toString('latin1') ?? '';
      const lineEnd = packet.indexOf('\r\n');
      status = lineEnd === -1 || lineEnd > LONG_TARGET ? '414 URI Too Long' : '431 Request Header Fields Too Large';
    }
    socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  policy.port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${policy.port}`,
    port: policy.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  site: ServedSite,
  live: LiveReload,
  policy: HostPolicy,
): void {
  if (!hostAllowed(req.headers.host, policy)) {
    text(res, 403, 'This dev server only answers requests for localhost (the Host header names another site).\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    text(res, 405, 'method not allowed\n');
    return;
  }
  const target = parseRequestTarget(req.url ?? '');
  if (!target.ok) {
    text(res, 400, `bad request: ${target.reason}\n`);
    return;
  }
  if (target.pathname === EVENTS_PATH) {
    if (!originAllowed(req.headers.origin, policy))
      text(res, 403, 'the live-reload stream is only for pages of this server\n');
    else live.connect(req, res);
    return;
  }
  const files = site.files();
  const resolved = resolveOutputPath(target.pathname, site.basePath(), (p) => files.has(p));
  if (resolved.kind === 'redirect') {
    res.writeHead(301, {
      ...BASE_HEADERS,
      location: `${resolved.location}${target.search}`,
      'content-type': 'text/plain; charset=utf-8',
    });
    res.end(req.method === 'HEAD' ? undefined : `moved to ${resolved.location}\n`);
    return;
  }
  const generation = site.generation();
  if (resolved.kind === 'file') {
    send(req, res, 200, files.get(resolved.outputPath)!, {
      served: resolved.outputPath,
      wanted: resolved.outputPath,
      generation,
    });
    return;
  }
  const notFound = files.get('404.html');
  const page = { served: '404.html', wanted: resolved.outputPath, generation };
  if (notFound) send(req, res, 404, notFound, page);
  else send(req, res, 404, { outputPath: '404.html', contents: FALLBACK_404, from: 'dev server' }, page);
}

/** Shown when the site has no 404 page (its first build failed): the overlay still appears. */
const FALLBACK_404 =
  '<!doctype html><html><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Not found</h1></body></html>';

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  file: OutputFile,
  page: { served: string; wanted: string; generation: number },
): void {
  const type = TYPES[path.extname(file.outputPath).toLowerCase()] ?? 'application/octet-stream';
  const body = type.startsWith('text/html')
    ? Buffer.from(injectClient(contentsText(file.contents), page))
    : Buffer.from(file.contents);
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': type, 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The answer on a connection over the cap; the connection is closed after it. */
function refuse(res: ServerResponse, maxConnections: number): void {
  res.setHeader('retry-after', '1');
  res.setHeader('connection', 'close');
  text(res, 503, `too many open connections (${maxConnections} at most): close some, or try again in a moment\n`);
}

function text(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(message),
  });
  res.end(message);
}

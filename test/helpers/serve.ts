/** A minimal static file server on 127.0.0.1 for browser tests and screenshots (not the dev server). */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/** A running server and its base URL. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Options of serveDirectory. */
export interface ServeOptions {
  /**
   * URL path the directory is served under, starting and ending with `/` (default `/`). With `/sub/`,
   * `/sub/x/` serves `x/index.html` and every path outside `/sub/` answers 404, as on a host that
   * publishes the site in a subfolder.
   */
  prefix?: string;
}

/** Serves `root` on a free loopback port; `/x/` serves `x/index.html`. */
export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const prefix = options.prefix ?? '/';
  if (!prefix.startsWith('/') || !prefix.endsWith('/'))
    throw new Error(`serveDirectory: prefix must start and end with "/", got "${prefix}"`);
  const server: Server = createServer(async (req, res) => {
    const requested = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!requested.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const pathname = decodeURIComponent(`/${requested.slice(prefix.length)}`);
    let file = path.resolve(base, `.${pathname}`);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The live-reload endpoint: a Server-Sent Events stream. Each new client first gets the current state
 * (the generation of the served site and, if the last rebuild failed, the overlay), then every message
 * broadcast after it. Requests from another site's pages (a foreign `Origin`) are refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A message to the pages (see client.ts for how each is handled). */
export type LiveMessage =
  | { type: 'hello'; generation: number }
  | { type: 'errors'; html: string }
  | { type: 'ok' }
  | { type: 'update'; generation: number; pages: string[]; css: string[]; all: boolean };

/** The stream's clients and what to tell them. */
export interface LiveReload {
  /** Answers a request for the stream (the caller has checked the `Origin`). */
  connect(req: IncomingMessage, res: ServerResponse): void;
  broadcast(message: LiveMessage): void;
  /** Connected clients. */
  clients(): number;
  /** Ends every stream. */
  close(): void;
}

/** Open live-reload streams at most: more than any one author's tabs; beyond it, 503 (the client retries). */
export const MAX_LIVE_CLIENTS = 100;

/** Idle streams get a comment this often, so that nothing between the page and the server drops them. */
const KEEPALIVE_MS = 15_000;

/** A hub whose new clients are first sent `greeting()`. */
export function createLiveReload(greeting: () => LiveMessage[]): LiveReload {
  const clients = new Set<ServerResponse>();
  const keepalive = setInterval(() => {
    for (const res of clients) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();
  const send = (res: ServerResponse, message: LiveMessage) => res.write(`data: ${JSON.stringify(message)}\n\n`);
  return {
    connect(req, res) {
      if (clients.size >= MAX_LIVE_CLIENTS) {
        res.writeHead(503, {
          'content-type': 'text/plain; charset=utf-8',
          'retry-after': '5',
          'cross-origin-resource-policy': 'same-origin',
        });
        res.end(`too many live-reload connections (${MAX_LIVE_CLIENTS} at most)\n`);
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      // Reconnect quickly when the server restarts.
      res.write('retry: 500\n\n');
      for (const message of greeting()) send(res, message);
      clients.add(res);
      const drop = () => clients.delete(res);
      req.on('close', drop);
      res.on('error', drop);
    },
    broadcast(message) {
      for (const res of clients) send(res, message);
    },
    clients: () => clients.size,
    close() {
      clearInterval(keepalive);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

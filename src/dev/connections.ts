/**
 * Limits on the dev server's connections, so that many clients, or idle ones, cannot make it hold
 * sockets (and the memory each costs) without bound: at most `maxConnections` open at once (a
 * connection beyond is answered 503 and closed), idle keep-alive connections closed after
 * `keepAliveMs`, and connections that do not send a whole request in time closed with 408.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/** How many connections the server keeps, and for how long. */
export interface ConnectionLimits {
  /** Open connections at most, live-reload streams included; each one beyond gets 503 and is closed. */
  maxConnections: number;
  /** An idle keep-alive connection (no request since the last answer) is closed after this long. */
  keepAliveMs: number;
  /** A connection must send a whole request head this soon after it opens or after its last answer (else 408). */
  headersMs: number;
  /** A whole request must arrive within this long (GET and HEAD only: in practice, the head). */
  requestMs: number;
}

/**
 * Defaults: more connections than an author's browser tabs make (a browser opens about six per site and
 * one live-reload stream per tab, itself capped at 100), and Node's keep-alive timeout.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 256,
  keepAliveMs: 5_000,
  headersMs: 10_000,
  requestMs: 30_000,
};

/** How long a connection over the cap may take to send the request it is refused; after that it is dropped unanswered. */
const REFUSED_WAIT_MS = 1_000;

/** The options of `http.createServer` that enforce `limits` (Node checks the request timeouts at this interval). */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: Math.min(1_000, limits.headersMs),
  };
}

/** Which connections are over the cap. */
export interface ConnectionGate {
  /** True for a connection that opened while `maxConnections` others were open: answer it 503. */
  refused(socket: Socket): boolean;
}

/** Counts the open connections of `server` (created with serverOptions(limits)) and sets its keep-alive timeout. */
export function limitConnections(server: Server, limits: ConnectionLimits): ConnectionGate {
  server.keepAliveTimeout = limits.keepAliveMs;
  const open = new Set<Socket>();
  const refused = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= limits.maxConnections) {
      // Not counted, and not kept: it gets its 503 when its request comes, or is dropped if none does.
      refused.add(socket);
      socket.setTimeout(REFUSED_WAIT_MS, () => socket.destroy());
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return { refused: (socket) => refused.has(socket) };
}

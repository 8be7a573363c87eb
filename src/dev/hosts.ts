/**
 * Who may talk to the dev server. DNS rebinding lets a web page reach a server on 127.0.0.1 under the
 * attacker's own host name, so a request is served only when its `Host` names this machine: a loopback
 * name (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`), or, when the server listens beyond loopback,
 * an IP address or the host name it was started with. Rebinding needs a host name the attacker controls,
 * which none of these is. The live-reload stream also refuses requests whose `Origin` is another site.
 */
import { isIP } from 'node:net';

/** What the server was asked to listen on. */
export interface HostPolicy {
  /** The `--host` value. */
  host: string;
  /** The port actually bound. */
  port: number;
}

/** True for names that always mean this machine. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** Splits a `Host` header value into its host name and port, or undefined when it is malformed. */
export function parseHostHeader(value: string | undefined): { hostname: string; port: string } | undefined {
  if (!value || /[\s/@?#\\]/.test(value)) return undefined;
  try {
    const url = new URL(`http://${value}`);
    if (url.username || url.password || url.pathname !== '/') return undefined;
    return { hostname: url.hostname, port: url.port };
  } catch {
    return undefined;
  }
}

/** True when a request with this `Host` header may be served. */
export function hostAllowed(value: string | undefined, policy: HostPolicy): boolean {
  const parsed = parseHostHeader(value);
  if (!parsed) return false;
  if (isLoopbackName(parsed.hostname)) return true;
  if (isLoopbackName(policy.host)) return false;
  const bare = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) !== 0 || bare.toLowerCase() === policy.host.toLowerCase();
}

/** True when a request with this `Origin` header may open the live-reload stream (no header: not a cross-site browser request). */
export function originAllowed(value: string | undefined, policy: HostPolicy): boolean {
  if (value === undefined) return true;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.origin !== value.replace(/\/$/, '')) return false;
  return hostAllowed(url.host, policy) && (url.port || '80') === String(policy.port);
}

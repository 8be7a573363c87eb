import { describe, expect, it } from 'vitest';
import { hostAllowed, isLoopbackName, originAllowed, parseHostHeader } from '../../src/dev/hosts.js';

const loopback = { host: '127.0.0.1', port: 4000 };
const lan = { host: '0.0.0.0', port: 4000 };

describe('isLoopbackName', () => {
  it('knows the names of this machine', () => {
    expect(
      ['localhost', 'LOCALHOST', 'blog.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost.'].map(
        isLoopbackName,
      ),
    ).toEqual(Array(8).fill(true));
    expect(
      ['0.0.0.0', '::', '192.168.1.5', 'example.com', 'localhost.example.com', '128.0.0.1'].map(isLoopbackName),
    ).toEqual(Array(6).fill(false));
  });
});

describe('hostAllowed', () => {
  it('answers loopback names only when listening on loopback', () => {
    expect(hostAllowed('127.0.0.1:4000', loopback)).toBe(true);
    expect(hostAllowed('localhost:4000', loopback)).toBe(true);
    expect(hostAllowed('[::1]:4000', loopback)).toBe(true);
    expect(hostAllowed('evil.example:4000', loopback)).toBe(false);
    expect(hostAllowed('evil.example', loopback)).toBe(false);
    expect(hostAllowed('192.168.1.5:4000', loopback)).toBe(false);
    expect(hostAllowed(undefined, loopback)).toBe(false);
    expect(hostAllowed('', loopback)).toBe(false);
    expect(hostAllowed('localhost@evil.example', loopback)).toBe(false);
    expect(hostAllowed('localhost/evil', loopback)).toBe(false);
  });
  it('also answers IP addresses (never a rebinding name) when listening beyond loopback', () => {
    expect(hostAllowed('192.168.1.5:4000', lan)).toBe(true);
    expect(hostAllowed('[fe80::1]:4000', lan)).toBe(true);
    expect(hostAllowed('localhost:4000', lan)).toBe(true);
    expect(hostAllowed('evil.example:4000', lan)).toBe(false);
    expect(hostAllowed('devbox.lan:4000', { host: 'devbox.lan', port: 4000 })).toBe(true);
  });
});

describe('parseHostHeader', () => {
  it('splits host and port, and refuses what is not a host', () => {
    expect(parseHostHeader('Localhost:4000')).toEqual({ hostname: 'localhost', port: '4000' });
    expect(parseHostHeader('a b')).toBeUndefined();
    expect(parseHostHeader('x:99999')).toBeUndefined();
  });
});

describe('originAllowed', () => {
  it('lets pages of this server and non-browser clients in, and nobody else', () => {
    expect(originAllowed(undefined, loopback)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', loopback)).toBe(true);
    expect(originAllowed('http://localhost:4000', loopback)).toBe(true);
    expect(originAllowed('http://evil.example', loopback)).toBe(false);
    expect(originAllowed('http://evil.example:4000', loopback)).toBe(false);
    expect(originAllowed('http://localhost:3000', loopback)).toBe(false);
    expect(originAllowed('https://localhost:4000', loopback)).toBe(false);
    expect(originAllowed('null', loopback)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRequestTarget, resolveOutputPath } from '../../src/dev/request-target.js';

describe('parseRequestTarget', () => {
  it('decodes a plain path once and keeps the query', () => {
    expect(parseRequestTarget('/tags/c%2B%2B/?page=2')).toEqual({
      ok: true,
      pathname: '/tags/c++/',
      search: '?page=2',
    });
    expect(parseRequestTarget('/caf%C3%A9/')).toEqual({ ok: true, pathname: '/café/', search: '' });
    // Decoded once: %252e%252e is the name "%2e%2e", not "..".
    expect(parseRequestTarget('/%252e%252e/x')).toEqual({ ok: true, pathname: '/%2e%2e/x', search: '' });
  });

  const refused: Array<[string, string]> = [
    ['/../etc/passwd', 'the path holds a "." or ".." segment'],
    ['/a/../../b', 'the path holds a "." or ".." segment'],
    ['/%2e%2e/etc/passwd', 'the path holds a "." or ".." segment'],
    ['/%2E%2E%2fetc%2fpasswd', 'the path holds a "." or ".." segment'],
    ['/./index.html', 'the path holds a "." or ".." segment'],
    ['/a\\..\\b', 'the path holds a backslash or a control character'],
    ['/a%5c..%5cb', 'the path holds a backslash or a control character'],
    ['/index.html%00.css', 'the path holds a backslash or a control character'],
    ['/a%0d%0aSet-Cookie:x', 'the path holds a backslash or a control character'],
    ['/%E0%A4%A', 'the path is not valid percent-encoded UTF-8'],
    ['/%ff', 'the path is not valid percent-encoded UTF-8'],
    ['//evil.example/', 'the request target must be a path starting with a single "/"'],
    ['http://127.0.0.1/', 'the request target must be a path starting with a single "/"'],
    ['*', 'the request target must be a path starting with a single "/"'],
    ['', 'the request target must be a path starting with a single "/"'],
    ['/a//b', 'the path holds an empty segment ("//")'],
  ];
  for (const [target, reason] of refused) {
    it(`refuses ${JSON.stringify(target)}`, () => {
      expect(parseRequestTarget(target)).toEqual({ ok: false, reason });
    });
  }
});

describe('resolveOutputPath', () => {
  const files = new Set(['index.html', 'tags/python/index.html', 'assets/style.css', '404.html', 'feed.xml']);
  const has = (p: string) => files.has(p);
  it('serves folders through their index.html and files as they are', () => {
    expect(resolveOutputPath('/', '/', has)).toEqual({ kind: 'file', outputPath: 'index.html' });
    expect(resolveOutputPath('/tags/python/', '/', has)).toEqual({
      kind: 'file',
      outputPath: 'tags/python/index.html',
    });
    expect(resolveOutputPath('/assets/style.css', '/', has)).toEqual({ kind: 'file', outputPath: 'assets/style.css' });
  });
  it('redirects a folder asked without its slash', () => {
    expect(resolveOutputPath('/tags/python', '/', has)).toEqual({ kind: 'redirect', location: '/tags/python/' });
  });
  it('reports what is missing, with the output path that was asked for', () => {
    expect(resolveOutputPath('/tags/go/', '/', has)).toEqual({ kind: 'missing', outputPath: 'tags/go/index.html' });
    expect(resolveOutputPath('/nope.css', '/', has)).toEqual({ kind: 'missing', outputPath: 'nope.css' });
  });
  it('serves a site that lives under a base path there, and sends / to it', () => {
    expect(resolveOutputPath('/', '/blog/', has)).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveOutputPath('/blog', '/blog/', has)).toEqual({ kind: 'redirect', location: '/blog/' });
    expect(resolveOutputPath('/blog/tags/python/', '/blog/', has)).toEqual({
      kind: 'file',
      outputPath: 'tags/python/index.html',
    });
    expect(resolveOutputPath('/tags/python/', '/blog/', has)).toEqual({ kind: 'missing', outputPath: 'tags/python/' });
  });
  it('encodes the redirect location', () => {
    const withSpace = (p: string) => p === 'my notes/index.html';
    expect(resolveOutputPath('/my notes', '/', withSpace)).toEqual({ kind: 'redirect', location: '/my%20notes/' });
  });
});

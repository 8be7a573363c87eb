// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the sources scanned here are JavaScript with template literals, written as strings
import { describe, expect, it } from 'vitest';
import { importsOf } from '../../src/markdown/import-scanner.js';

const imp = (specifier: string, extra: { typeOnly?: boolean; dynamic?: boolean } = {}) => ({
  specifier,
  typeOnly: extra.typeOnly ?? false,
  dynamic: extra.dynamic ?? false,
});

describe('importsOf', () => {
  it('finds every form of static import and re-export, in order', () => {
    const source = [
      `import MarkdownIt from 'markdown-it';`,
      `import Token from "markdown-it/lib/token.mjs";`,
      `import * as path from 'node:path';`,
      `import def, { a, b as c } from './a.js';`,
      `import './side-effect.js';`,
      `import {`,
      `  d, // a comment with from 'nowhere'`,
      `  /* another */ e,`,
      `} from '../multi-line.js';`,
      `export * from './star.js';`,
      `export * as ns from './star-as.js';`,
      `export { f, g as h } from '@scope/pkg/sub/path.js';`,
      `export { local };`,
      `export const from = 'not-an-import';`,
      `export function x() { return 1; }`,
    ].join('\n');
    expect(importsOf(source)).toEqual([
      imp('markdown-it'),
      imp('markdown-it/lib/token.mjs'),
      imp('node:path'),
      imp('./a.js'),
      imp('./side-effect.js'),
      imp('../multi-line.js'),
      imp('./star.js'),
      imp('./star-as.js'),
      imp('@scope/pkg/sub/path.js'),
    ]);
  });

  it('marks type-only imports, but not `import type from` (a default import named type) or inline `type` names', () => {
    const source = [
      `import type MarkdownIt from 'markdown-it';`,
      `import type { A, B } from './types.js';`,
      `export type { C } from './more-types.js';`,
      `import type from './default-named-type.js';`,
      `import type, { z } from './type-and-more.js';`,
      `import { type D, e } from './mixed.js';`,
      `type Lazy = typeof import('./typeof-import.js');`,
      `export type Alias = string;`,
    ].join('\n');
    expect(importsOf(source)).toEqual([
      imp('markdown-it', { typeOnly: true }),
      imp('./types.js', { typeOnly: true }),
      imp('./more-types.js', { typeOnly: true }),
      imp('./default-named-type.js'),
      imp('./type-and-more.js'),
      imp('./mixed.js'),
      imp('./typeof-import.js', { typeOnly: true, dynamic: true }),
    ]);
  });

  it('finds dynamic imports anywhere, also inside template substitutions', () => {
    const source = [
      `const mathjax = await import('mathjax-full/js/mathjax.js');`,
      `const parts = await Promise.all([import("a"), import( /* chunk */ 'b' )]);`,
      "const text = `before ${(await import('in-template')).default} after`;",
      "const nested = `${`${await import('deeply-nested')}`}`;",
      `const url = import.meta.url;`,
      `const computed = await import(name);`,
    ].join('\n');
    expect(importsOf(source)).toEqual([
      imp('mathjax-full/js/mathjax.js', { dynamic: true }),
      imp('a', { dynamic: true }),
      imp('b', { dynamic: true }),
      imp('in-template', { dynamic: true }),
      imp('deeply-nested', { dynamic: true }),
    ]);
  });

  it('takes nothing from comments, strings, template text, regular expressions or properties', () => {
    const source = [
      `// import x from 'line-comment';`,
      `/* import('block-comment') */`,
      `/**`,
      ` * import y from 'doc-comment';`,
      ` */`,
      `const s = "import z from 'in-a-string'";`,
      `const t = 'import("in-a-string-too")';`,
      "const bootstrap = `import('tsx/esm/api').then(() => import(${JSON.stringify(source)}))`;",
      'const fence = /^`{3,}|\'|"/; // a regex with a backtick and quotes, then a real import',
      `import real from './real.js';`,
      'const ratio = a / b; const other = c / d; // division, not a regex',
      `loader.import('a-method');`,
      `loader?.import('an-optional-method');`,
      `const after = x.y / 2; import('./after-division.js');`,
      `if (/import('in-a-regex')/.test(s)) {}`,
    ].join('\n');
    expect(importsOf(source)).toEqual([imp('./real.js'), imp('./after-division.js', { dynamic: true })]);
  });

  it('tells regular expressions after keywords and operators from divisions', () => {
    const source = [
      `function f(s) { return /'/.test(s); }`,
      `import a from './a.js';`,
      `const n = (x) / 2; const m = y[0] / 3; const k = 4 / 5;`,
      `import b from './b.js';`,
      `const r = s.replace(/["'\`]/g, '') ;`,
      `import c from './c.js';`,
      'const klass = /[/]`/;',
      `import d from './d.js';`,
    ].join('\n');
    expect(importsOf(source)).toEqual([imp('./a.js'), imp('./b.js'), imp('./c.js'), imp('./d.js')]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { sha256 } from '../../src/core/hash.js';
import {
  type CodeInputs,
  collectCodeInputs,
  packageName,
  RENDERER_ENTRIES,
  rendererCodeInputs,
} from '../../src/markdown/cache-inputs.js';
import { importsOf } from '../../src/markdown/import-scanner.js';
import { createRenderCache, renderCacheFingerprint } from '../../src/markdown/render-cache.js';
import type { Post, RenderedPost } from '../../src/types.js';
import { removeDir, TEST_DIR, tempDir } from '../helpers/site.js';

const SRC = path.join(path.dirname(TEST_DIR), 'src');
const MARKDOWN = path.join(SRC, 'markdown');
const NODE_MODULES = path.join(path.dirname(TEST_DIR), 'node_modules');

/** The imports of a module as the TypeScript compiler parses them: the oracle the scanner is checked against. */
function parsedImports(file: string, text: string) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Array<{ specifier: string; typeOnly: boolean; dynamic: boolean }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.importClause?.isTypeOnly ?? false,
        dynamic: false,
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, dynamic: false });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false, dynamic: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push({ specifier: literal.text, typeOnly: true, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;

describe("the renderer's code inputs (this repository)", () => {
  const inputs = rendererCodeInputs();
  const moduleFiles = Object.keys(inputs.modules).map((rel) => path.join(SRC, rel));

  it('are the same on every call while the code is unchanged', () => {
    expect(rendererCodeInputs()).toEqual(inputs);
  });

  it('hold exactly the modules reached from the entries by the imports TypeScript parses, each hashed', () => {
    const expected = new Map<string, string>();
    const queue = RENDERER_ENTRIES.map((entry) => path.join(MARKDOWN, entry.replace(/\.js$/, '.ts')));
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (expected.has(rel)) continue;
      const text = readFileSync(file, 'utf8');
      expected.set(rel, sha256(text));
      for (const ref of parsedImports(file, text)) {
        if (!ref.typeOnly && ref.specifier.startsWith('.')) {
          queue.push(path.resolve(path.dirname(file), ref.specifier.replace(/\.js$/, '.ts')));
        }
      }
    }
    expect(inputs.modules).toEqual(Object.fromEntries([...expected].sort(([a], [b]) => (a < b ? -1 : 1))));
  });

  it('read the same imports from every module as TypeScript does', () => {
    for (const file of moduleFiles) {
      const text = readFileSync(file, 'utf8');
      expect({ file, imports: importsOf(text) }).toEqual({ file, imports: parsedImports(file, text) });
    }
  });

  it('cover every plugin, and modules imported only indirectly', () => {
    const plugins = readdirSync(path.join(MARKDOWN, 'plugins')).filter((name) => /\.[cm]?[jt]s$/.test(name));
    expect(plugins.length).toBeGreaterThan(0);
    for (const name of plugins) {
      const text = readFileSync(path.join(MARKDOWN, 'plugins', name), 'utf8');
      expect({ name, hash: inputs.modules[`markdown/plugins/${name}`] }).toEqual({ name, hash: sha256(text) });
    }
    for (const rel of ['markdown/worker.ts', 'dev/markdown.ts', 'core/hash.ts', 'notebooks/load.ts']) {
      expect({ rel, hash: inputs.modules[rel] }).toEqual({ rel, hash: sha256(readFileSync(path.join(SRC, rel))) });
    }
  });

  it('hold every package the modules import, at its installed version', () => {
    const names = new Set<string>();
    for (const file of moduleFiles) {
      for (const ref of parsedImports(file, readFileSync(file, 'utf8'))) {
        if (ref.typeOnly || ref.specifier.startsWith('.') || isBuiltin(ref.specifier)) continue;
        names.add(packageName(ref.specifier));
      }
    }
    const expected = Object.fromEntries([...names].sort().map((name) => [name, installedVersion(name)]));
    expect(inputs.packages).toEqual(expected);
    // The ones a plugin brought in, and the subpath and dynamic imports.
    for (const name of ['markdown-it-footnote', 'markdown-it-container', 'gemoji', 'mathjax-full', 'katex', 'shiki']) {
      expect(inputs.packages[name]).toBe(installedVersion(name));
    }
  });

  it('hold the packages those packages depend on, sorted and once each', () => {
    expect(inputs.dependencies).toEqual([...new Set(inputs.dependencies)].sort());
    const markdownIt = JSON.parse(readFileSync(path.join(NODE_MODULES, 'markdown-it', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of Object.keys(markdownIt.dependencies)) {
      const nested = path.join(NODE_MODULES, 'markdown-it', 'node_modules', name);
      const version = (() => {
        try {
          return (JSON.parse(readFileSync(path.join(nested, 'package.json'), 'utf8')) as { version: string }).version;
        } catch {
          return installedVersion(name);
        }
      })();
      expect(inputs.dependencies).toContain(`${name}@${version}`);
    }
  });
});

describe('collectCodeInputs on a module graph written for the test', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  const json = (value: unknown) => JSON.stringify(value);
  const packagesFiles: Record<string, string> = {
    // Its exports hide package.json: the version is read from the folder, not through `exports`.
    'node_modules/fake-pkg/package.json': json({
      name: 'fake-pkg',
      version: '1.2.3',
      exports: { './sub/*': './sub/*' },
      dependencies: { 'dep-a': '^1.0.0' },
    }),
    'node_modules/fake-pkg/node_modules/dep-a/package.json': json({ name: 'dep-a', version: '1.0.0' }),
    'node_modules/dep-a/package.json': json({ name: 'dep-a', version: '2.0.0' }),
    'node_modules/@scope/pkg/package.json': json({
      name: '@scope/pkg',
      version: '4.5.6',
      dependencies: { 'dep-b': '*' },
      optionalDependencies: { 'not-installed': '*' },
    }),
    'node_modules/dep-b/package.json': json({ name: 'dep-b', version: '3.0.0' }),
  };

  /** The graph as sources (`ts`: imports say `.js`) or as compiled (`js`: type-only imports gone). */
  const graph = (ext: 'ts' | 'js'): Record<string, string> => ({
    [`src/markdown/worker.${ext}`]: `import { entry } from './entry.js';\nimport './gone.js';\n`,
    [`src/markdown/entry.${ext}`]: [
      ext === 'ts' ? `import type { Shape } from './types.js';` : '',
      `import path from 'node:path';`,
      `import fs from 'fs';`,
      `import { thing } from 'fake-pkg/sub/thing.js';`,
      `import { plugin } from './plugins/a.js';`,
      `// import { old } from 'commented-out';`,
      `const help = "import('in-a-string')";`,
      `export const entry = [path, fs, thing, plugin, help];`,
    ].join('\n'),
    [`src/markdown/plugins/a.${ext}`]: [
      `import { url } from '../../core/urls.js';`,
      `export const plugin = async () => [url, await import('@scope/pkg/lib/x.js'), await import('absent-pkg')];`,
    ].join('\n'),
    [`src/core/urls.${ext}`]: `export * from './shared.js';\nexport const url = (p) => '/' + p;\n`,
    [`src/core/shared.${ext}`]: `export const shared = 1;\n`,
    [`src/markdown/types.${ext}`]: `export const neverLoaded = 1;\n`,
  });

  async function write(files: Record<string, string>): Promise<string> {
    const dir = await tempDir('cache-inputs');
    dirs.push(dir);
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    return dir;
  }

  const collect = (dir: string) =>
    collectCodeInputs(
      ['worker.js', 'entry.js'].map((entry) => path.join(dir, 'src', 'markdown', entry)),
      path.join(dir, 'src'),
    );

  const expectedFor = (files: Record<string, string>, ext: 'ts' | 'js'): CodeInputs => ({
    modules: {
      [`core/shared.${ext}`]: sha256(files[`src/core/shared.${ext}`]!),
      [`core/urls.${ext}`]: sha256(files[`src/core/urls.${ext}`]!),
      [`markdown/entry.${ext}`]: sha256(files[`src/markdown/entry.${ext}`]!),
      'markdown/gone.js': 'missing',
      [`markdown/plugins/a.${ext}`]: sha256(files[`src/markdown/plugins/a.${ext}`]!),
      [`markdown/worker.${ext}`]: sha256(files[`src/markdown/worker.${ext}`]!),
    },
    packages: { '@scope/pkg': '4.5.6', 'absent-pkg': 'missing', 'fake-pkg': '1.2.3' },
    dependencies: ['dep-a@1.0.0', 'dep-b@3.0.0'],
  });

  it('follows relative imports from the TypeScript sources, and resolves packages to their versions', async () => {
    const files = { ...packagesFiles, ...graph('ts') };
    const dir = await write(files);
    expect(collect(dir)).toEqual(expectedFor(files, 'ts'));
  });

  it('follows the same graph in compiled JavaScript (dist/)', async () => {
    const files = { ...packagesFiles, ...graph('js') };
    const dir = await write(files);
    expect(collect(dir)).toEqual(expectedFor(files, 'js'));
  });

  it('changes the key when a module imported only indirectly changes, and nothing else of the inputs', async () => {
    const files = { ...packagesFiles, ...graph('ts') };
    const dir = await write(files);
    const before = collect(dir);
    const edited = `${files['src/core/urls.ts']}export const base = '/blog/';\n`;
    await writeFile(path.join(dir, 'src', 'core', 'urls.ts'), edited);
    const after = collect(dir);
    expect(after).toEqual({ ...before, modules: { ...before.modules, 'core/urls.ts': sha256(edited) } });
    const config = siteConfigSchema.parse({});
    const themes = { light: 'github-light', dark: 'github-dark' };
    expect(renderCacheFingerprint(config, themes, after)).not.toBe(renderCacheFingerprint(config, themes, before));
    expect(renderCacheFingerprint(config, themes, collect(dir))).toBe(renderCacheFingerprint(config, themes, after));
  });

  it('changes the key when a dependency of a package is upgraded', async () => {
    const files = { ...packagesFiles, ...graph('ts') };
    const dir = await write(files);
    const before = collect(dir);
    await writeFile(path.join(dir, 'node_modules/dep-b/package.json'), json({ name: 'dep-b', version: '3.0.1' }));
    expect(collect(dir)).toEqual({ ...before, dependencies: ['dep-a@1.0.0', 'dep-b@3.0.1'] });
  });

  it('refuses a graph whose entry is missing', async () => {
    const dir = await write(packagesFiles);
    expect(() => collect(dir)).toThrow(
      `the renderer's module ${path.join(dir, 'src', 'markdown', 'worker.js')} is missing`,
    );
  });
});

describe('createRenderCache with the code inputs', () => {
  const config = siteConfigSchema.parse({});
  const themes = { light: 'github-light', dark: 'github-dark' };
  const codeA: CodeInputs = {
    modules: { 'core/urls.ts': 'a' },
    packages: { 'markdown-it': '14.0.0' },
    dependencies: [],
  };
  const codeB: CodeInputs = { ...codeA, modules: { 'core/urls.ts': 'b' } };
  const post = {
    source: { relPath: 'posts/a.md', absPath: '/site/posts/a.md', text: '# A\n', hash: '' },
    body: '# A\n',
    bodyLine: 1,
  } as Post;
  const rendered = {
    post,
    html: '<h1>A</h1>',
    excerptHtml: '',
    feedHtml: '<h1>A</h1>',
    feedExcerptHtml: '',
    words: 1,
    toc: [],
    links: [],
    features: { math: false, mermaid: false, languages: [], code: false },
    excerptFeatures: { math: false, mermaid: false, code: false, tabs: false },
    diagrams: [],
    diagnostics: [],
  } satisfies RenderedPost;
  let dir = '';
  afterAll(() => removeDir(dir));

  it('reads back an entry only with the same code inputs', async () => {
    dir = await tempDir('render-cache-code');
    const storing = await createRenderCache(dir, config, themes, undefined, () => codeA);
    await storing.set(post, rendered);
    const sameCode = await createRenderCache(dir, config, themes, undefined, () => ({ ...codeA }));
    expect(await sameCode.get(post)).toEqual(rendered);
    const otherCode = await createRenderCache(dir, config, themes, undefined, () => codeB);
    expect(await otherCode.get(post)).toBe(undefined);
    const key = renderCacheFingerprint(config, themes, codeA);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await readdir(dir)).length).toBe(1);
  });

  it('neither reads nor stores when the code cannot be identified, and says why', async () => {
    const reasons: string[] = [];
    const cache = await createRenderCache(
      dir,
      config,
      themes,
      (reason) => reasons.push(reason),
      () => {
        throw new Error("the renderer's module /x/worker.js is missing");
      },
    );
    await cache.set(post, rendered);
    expect(await cache.get(post)).toBe(undefined);
    expect(reasons).toEqual([
      "the renderer's code cannot be identified: the renderer's module /x/worker.js is missing",
    ]);
  });
});

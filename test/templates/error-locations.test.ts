/**
 * Template errors name the right place: the file (relative to the site), line and column where the
 * problem is, whichever template includes, extends or imports it; runtime errors on line 1 keep their
 * position; an unclosed or stray block tag names the tag it belongs to. Checked through build(), the
 * CLI (exit code, code frame, last good site kept) and the dev overlay.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { formatDiagnostic, formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { escapeHtml } from '../../src/core/html.js';
import { messagesFor } from '../../src/dev/dev.js';
import { createDevSession } from '../../src/dev/session.js';
import { findUnbalancedTag } from '../../src/templates/tag-balance.js';
import { listFiles, removeDir, writeSite } from '../helpers/site.js';
import { cli } from '../helpers/cli.js';

const TMP_ROOT = fileURLToPath(new URL('../.tmp/', import.meta.url));
const NOW = new Date('2030-01-01T00:00:00Z');
const HELLO_POST = '---\ntitle: Hello\n---\nThe layout of this post is broken.\n';
const RENDERING_HELLO = '(while rendering /2024/01/hello/ (from posts/2024-01-01-hello.md) with layout "post")';

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await removeDir(dir);
});

/** Builds, in memory, a site of one post plus `files`. */
async function buildSite(files: Record<string, string>): Promise<BuildResult> {
  const dir = await writeSite('error-locations', { 'posts/2024-01-01-hello.md': HELLO_POST, ...files });
  temp.push(dir);
  return build({ siteDir: dir, outDir: path.join(TMP_ROOT, `out-${randomUUID()}`), write: false, now: NOW });
}

const headers = (result: BuildResult) => result.diagnostics.map((d) => formatDiagnosticHeader(d));
const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** A post layout whose line 12 comes after an include of partials/post-meta.njk on line 5. */
const postLayoutWithLine12 = (line12: string) =>
  lines(
    '{% extends "base.njk" %}',
    '{% block content %}',
    '<article class="post">',
    '  <h1>{{ post.title }}</h1>',
    '  {% include "partials/post-meta.njk" %}',
    '  <div class="post-content">',
    '    {{ post.content }}',
    '  </div>',
    '  <footer>',
    '    <p>{{ post.wordCount | number }} words</p>',
    '    <p>{{ post.title | upper }}</p>',
    line12,
    '  </footer>',
    '</article>',
    '{% endblock %}',
  );

describe('(a) an error is reported against the template it is in', () => {
  it('a call of an undefined function on line 12 of a layout, after an include, names the layout, not the partial', async () => {
    const result = await buildSite({ 'layouts/post.njk': postLayoutWithLine12('    <p>{{ nope() }}</p>') });
    expect(result.ok).toBe(false);
    expect(headers(result)).toEqual([
      `layouts/post.njk:12:11 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`,
    ]);
  });

  it('a filter that throws on line 12 of a layout, after an include, names the layout at the filter', async () => {
    const result = await buildSite({
      'layouts/post.njk': postLayoutWithLine12('    <p>{{ post.wordCount | join(", ") }}</p>'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:12:28 error[template] arr.join is not a function ${RENDERING_HELLO}`,
    ]);
  });

  it('an unknown filter after an include in a layout without a parent names the layout', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines(
        '<h1>{{ post.title }}</h1>',
        '{% include "partials/post-meta.njk" %}',
        '<p>{{ post.title | nosuch }}</p>',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:3:20 error[template] filter not found: nosuch ${RENDERING_HELLO}`,
    ]);
  });

  it('an error inside an overridden partial names the partial with its line and column', async () => {
    const result = await buildSite({
      'layouts/partials/post-meta.njk': lines(
        '<p class="post-meta">',
        '  <time>{{ post.date | date }}</time>',
        '  <span>{{ post.date | nosuch }}</span>',
        '</p>',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/partials/post-meta.njk:3:24 error[template] filter not found: nosuch ${RENDERING_HELLO}`,
    ]);
  });

  it('a call on line 1 of a partial keeps line 1', async () => {
    const result = await buildSite({ 'layouts/partials/post-meta.njk': lines('{{ nope() }}', '<p>meta</p>') });
    expect(headers(result)).toEqual([
      `layouts/partials/post-meta.njk:1:4 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`,
    ]);
  });

  it('an error in base.njk after the child block names base.njk, on every page', async () => {
    const result = await buildSite({
      'layouts/base.njk': lines(
        '<!doctype html>',
        '<html>',
        '<body>',
        '{% block content %}{% endblock %}',
        '<footer>{{ nope() }}</footer>',
        '</body></html>',
      ),
    });
    expect(result.diagnostics.length).toBeGreaterThan(1);
    expect(
      new Set(result.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.column}`)),
    ).toEqual(new Set(['layouts/base.njk:5:12']));
    expect(headers(result)).toContain(
      `layouts/base.njk:5:12 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`,
    );
  });

  it('an error in the body of an imported macro names the macro file, not the caller', async () => {
    const result = await buildSite({
      'layouts/partials/macros.njk': lines('{% macro badge(text) %}', '<b>{{ text | nosuch }}</b>', '{% endmacro %}'),
      'layouts/post.njk': lines('{% from "partials/macros.njk" import badge %}', '<h1>{{ badge(post.title) }}</h1>'),
    });
    expect(headers(result)).toEqual([
      `layouts/partials/macros.njk:2:14 error[template] filter not found: nosuch ${RENDERING_HELLO}`,
    ]);
  });

  it('an include of a missing partial names the include tag', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines('<h1>{{ post.title }}</h1>', '  {% include "partials/missing.njk" %}'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:2:6 error[template] template not found: partials/missing.njk ${RENDERING_HELLO}`,
    ]);
  });

  it('an extends of a missing layout names the extends tag', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines('{% extends "nope.njk" %}', '{% block content %}x{% endblock %}'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:1:4 error[template] template not found: nope.njk ${RENDERING_HELLO}`,
    ]);
  });

  it('a syntax error in the parent layout names the parent', async () => {
    const result = await buildSite({
      'layouts/base.njk': lines('<html>', '{% block content %}{% endblock %}', '{% endif %}', '</html>'),
      'layouts/post.njk': lines('{% extends "base.njk" %}', '{% block content %}{{ post.content }}{% endblock %}'),
    });
    expect(headers(result)).toContain(
      `layouts/base.njk:3:1 error[template] {% endif %} at line 3, column 1 has no opening {% if %} ${RENDERING_HELLO}`,
    );
  });

  it('an error in the body of a {% call %} names the calling layout', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines(
        '{% macro box() %}<div>{{ caller() }}</div>{% endmacro %}',
        '{% call box() %}',
        '  {{ post.title | nosuch }}',
        '{% endcall %}',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:3:19 error[template] filter not found: nosuch ${RENDERING_HELLO}`,
    ]);
  });

  it('carries the template text, so the code frame shows the failing line', async () => {
    const result = await buildSite({ 'layouts/post.njk': postLayoutWithLine12('    <p>{{ nope() }}</p>') });
    expect(formatDiagnostic(result.diagnostics[0]!).split('\n').slice(1)).toEqual([
      '  12 |     <p>{{ nope() }}</p>',
      '     |           ^',
    ]);
  });
});

describe('(b) runtime errors on line 1 keep their position', () => {
  it('a call of an undefined function', async () => {
    const result = await buildSite({ 'layouts/post.njk': lines('{{ nope() }}', '<p>{{ post.title }}</p>') });
    expect(headers(result)).toEqual([
      `layouts/post.njk:1:4 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`,
    ]);
  });

  it('a filter that throws', async () => {
    const result = await buildSite({ 'layouts/post.njk': lines('<p>{{ post.wordCount | join(", ") }}</p>') });
    expect(headers(result)).toEqual([
      `layouts/post.njk:1:24 error[template] arr.join is not a function ${RENDERING_HELLO}`,
    ]);
  });

  it('an unknown filter inside a block on line 1 of a layout that extends base.njk', async () => {
    const result = await buildSite({
      'layouts/post.njk': '{% extends "base.njk" %}{% block content %}{{ post.title | nosuch }}{% endblock %}',
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:1:60 error[template] filter not found: nosuch ${RENDERING_HELLO}`,
    ]);
  });

  it('a call on line 1, column 1 of a block', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines('{% extends "base.njk" %}', '{% block content %}', '{{ nope() }}', '{% endblock %}'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:3:4 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`,
    ]);
  });
});

describe('(c) an unclosed or stray block tag names the tag it belongs to', () => {
  it('an {% if %} without {% endif %} inside a block', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines(
        '{% extends "base.njk" %}',
        '{% block content %}',
        '<h1>{{ post.title }}</h1>',
        '{% if post.title %}',
        '{% endblock %}',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:4:1 error[template] {% if %} opened at line 4, column 1 is never closed: expected {% endif %} before {% endblock %} at line 5, column 1 ${RENDERING_HELLO}`,
    ]);
  });

  it('an {% if %} without {% endif %} at the end of the file', async () => {
    const result = await buildSite({
      'layouts/home.njk': lines('<h1>{{ site.title }}</h1>', '  {%- if posts.length %}', '<p>posts</p>'),
    });
    expect(headers(result)).toEqual([
      'layouts/home.njk:2:3 error[template] {% if %} opened at line 2, column 3 is never closed: expected {% endif %} before the end of the file (while rendering / with layout "home")',
    ]);
  });

  it('an unclosed {% for %}', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines(
        '<h1>{{ post.title }}</h1>',
        '<ul>',
        '  {% for tag in post.tags %}<li>{{ tag.name }}</li>',
        '</ul>',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:3:3 error[template] {% for %} opened at line 3, column 3 is never closed: expected {% endfor %} before the end of the file ${RENDERING_HELLO}`,
    ]);
  });

  it('an unclosed {% block %}', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines('{% extends "base.njk" %}', '{% block content %}', '<h1>{{ post.title }}</h1>'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:2:1 error[template] {% block %} opened at line 2, column 1 is never closed: expected {% endblock %} before the end of the file ${RENDERING_HELLO}`,
    ]);
  });

  it('a stray {% endif %}', async () => {
    const result = await buildSite({ 'layouts/post.njk': lines('<h1>{{ post.title }}</h1>', '{% endif %}') });
    expect(headers(result)).toEqual([
      `layouts/post.njk:2:1 error[template] {% endif %} at line 2, column 1 has no opening {% if %} ${RENDERING_HELLO}`,
    ]);
  });

  it('an unclosed tag in a partial names the partial', async () => {
    const result = await buildSite({
      'layouts/partials/post-meta.njk': lines('<p class="post-meta">', '{% if post.updated %}updated', '</p>'),
    });
    expect(headers(result)).toEqual([
      `layouts/partials/post-meta.njk:2:1 error[template] {% if %} opened at line 2, column 1 is never closed: expected {% endif %} before the end of the file ${RENDERING_HELLO}`,
    ]);
  });

  it('a block defined twice names the second definition', async () => {
    const result = await buildSite({
      'layouts/post.njk': lines(
        '{% extends "base.njk" %}',
        '{% block content %}a{% endblock %}',
        '  {% block content %}b{% endblock %}',
      ),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:3:3 error[template] Block "content" defined more than once. ${RENDERING_HELLO}`,
    ]);
  });

  it("keeps Nunjucks's own message and position for other syntax errors", async () => {
    const result = await buildSite({
      'layouts/post.njk': lines('<h1>{{ post.title }}</h1>', '{% if post.title %}<p>{{ post.title | }}</p>{% endif %}'),
    });
    expect(headers(result)).toEqual([
      `layouts/post.njk:2:39 error[template] expected symbol, got variable-end ${RENDERING_HELLO}`,
    ]);
  });
});

describe('findUnbalancedTag', () => {
  it('finds nothing in balanced templates, whatever strings, comments and raw blocks hold', () => {
    expect(findUnbalancedTag('{% if a %}x{% elif b %}y{% else %}z{% endif %}')).toBeUndefined();
    expect(findUnbalancedTag('{% for x in xs %}{{ x }}{% else %}none{% endfor %}')).toBeUndefined();
    expect(findUnbalancedTag('{% set s = "%} {% if" %}{{ "}} {% endif %}" }}{# {% if #}')).toBeUndefined();
    expect(
      findUnbalancedTag('{% raw %}{% if %}{% raw %}{% endraw %}{% endraw %}{% verbatim %}{% for %}{% endverbatim %}'),
    ).toBeUndefined();
    expect(
      findUnbalancedTag(
        '{% set x = 1 %}{% set y %}text{% endset %}{%- macro m() -%}{% call m() %}c{% endcall %}{% endmacro %}',
      ),
    ).toBeUndefined();
    expect(
      findUnbalancedTag('{% filter upper %}x{% endfilter %}{% switch a %}{% case 1 %}x{% default %}y{% endswitch %}'),
    ).toBeUndefined();
    expect(
      findUnbalancedTag(
        '{% include "a.njk" %}{% extends "b.njk" %}{% import "c.njk" as c %}{% from "d.njk" import e %}',
      ),
    ).toBeUndefined();
  });

  it('names the innermost unclosed tag when an outer one closes', () => {
    expect(findUnbalancedTag('{% block a %}\n{% for x in xs %}\n  {% if x %}\n{% endfor %}\n{% endblock %}')).toEqual({
      line: 3,
      column: 3,
      message:
        '{% if %} opened at line 3, column 3 is never closed: expected {% endif %} before {% endfor %} at line 4, column 1',
      detectedAt: { line: 4, column: 1 },
    });
  });

  it('names a stray closing tag and the tag open around it', () => {
    expect(findUnbalancedTag('{% if a %}\r\n{% endfor %}{% endif %}')).toEqual({
      line: 2,
      column: 1,
      message:
        '{% endfor %} at line 2, column 1 has no opening {% for %}: the innermost open tag is {% if %} at line 1, column 1',
      detectedAt: { line: 2, column: 1 },
    });
  });

  it('names an {% else %} outside any {% if %} or {% for %}', () => {
    expect(findUnbalancedTag('a\n{% else %}')?.message).toBe(
      '{% else %} at line 2, column 1 is not inside {% if %} or {% for %}',
    );
    expect(findUnbalancedTag('{% for x in y %}{% elif x %}{% endfor %}')?.message).toBe(
      '{% elif %} at line 1, column 17 is not inside {% if %}',
    );
  });

  it('names unclosed raw blocks, comments and tags', () => {
    expect(findUnbalancedTag('{% raw %}{% endif %}')?.message).toBe(
      '{% raw %} opened at line 1, column 1 is never closed: expected {% endraw %} before the end of the file',
    );
    expect(findUnbalancedTag('a {# note\n\n')?.message).toBe(
      '{# opened at line 1, column 3 is never closed: expected #} before the end of the file',
    );
    expect(findUnbalancedTag('{% if "a %}" ')?.message).toBe(
      '{% opened at line 1, column 1 is never closed: expected %} before the end of the file',
    );
  });

  it('names a block {% set %} without {% endset %}', () => {
    expect(findUnbalancedTag('{% set x = 1 %}\n{% set y %}text')?.message).toBe(
      '{% set %} opened at line 2, column 1 is never closed: expected {% endset %} before the end of the file',
    );
  });
});

describe('the CLI and the dev overlay show the same located message', () => {
  const BROKEN_LAYOUT = postLayoutWithLine12('    <p>{{ nope() }}</p>');
  const HEADER = `layouts/post.njk:12:11 error[template] Unable to call \`nope\`, which is undefined or falsey ${RENDERING_HELLO}`;
  const FRAME = ['  12 |     <p>{{ nope() }}</p>', '     |           ^'];

  it('inkstone build exits 1 with file:line:column and a code frame, and keeps the last good site', async () => {
    const site = await writeSite('error-locations-cli', { 'posts/2024-01-01-hello.md': HELLO_POST });
    temp.push(site);
    expect((await cli('build', site, '--quiet')).code).toBe(0);
    const out = path.join(site, '_site');
    const filesBefore = await listFiles(out);
    const pageBefore = await readFile(path.join(out, '2024/01/hello/index.html'), 'utf8');

    await mkdir(path.join(site, 'layouts'), { recursive: true });
    await writeFile(path.join(site, 'layouts/post.njk'), BROKEN_LAYOUT);
    const run = await cli('build', site);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([HEADER, ...FRAME]);
    expect(run.stderr.split('\n')[3]).toMatch(
      /^Build failed with 1 error, 0 warnings in \d+\.\d\d s; .* was left unchanged\.$/,
    );
    expect(await listFiles(out)).toEqual(filesBefore);
    expect(await readFile(path.join(out, '2024/01/hello/index.html'), 'utf8')).toBe(pageBefore);
  });

  it('dev reports the same message in its overlay and keeps serving the last good page', async () => {
    const site = await writeSite('error-locations-dev', {
      'posts/2024-01-01-hello.md': HELLO_POST,
      'layouts/post.njk': '{% extends "base.njk" %}{% block content %}{{ post.content }}{% endblock %}',
    });
    temp.push(site);
    const session = createDevSession({ siteDir: site, cache: false });
    try {
      expect((await session.rebuild('full')).ok).toBe(true);
      const served = session.served().get('2024/01/hello/index.html');
      await writeFile(path.join(site, 'layouts/post.njk'), BROKEN_LAYOUT);
      const report = await session.rebuild([{ kind: 'layout', relPath: 'layouts/post.njk', event: 'change' }]);
      expect(report.ok).toBe(false);
      expect(report.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([HEADER]);
      const [message] = messagesFor(report, session);
      expect(message?.type).toBe('errors');
      const html = message?.type === 'errors' ? message.html : '';
      expect(html).toContain(
        `<div data-diagnostic style="color:#ff8a80;font-weight:bold;white-space:pre-wrap">${escapeHtml(HEADER)}</div>`,
      );
      expect(html).toContain(escapeHtml(FRAME.join('\n')));
      expect(session.served().get('2024/01/hello/index.html')).toBe(served);
    } finally {
      session.close();
    }
  });
});

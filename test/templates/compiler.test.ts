/**
 * The locating compiler changes only how errors travel: a template that renders renders the same as
 * with Nunjucks's own compiler, whatever tags it uses.
 */
import nunjucks from 'nunjucks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutLoader } from '../../src/templates/loader.js';
import { removeDir, writeSite } from '../helpers/site.js';

const OPTIONS = { throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

const TEMPLATES: Record<string, string> = {
  'base.njk':
    '<html>{% block head %}<title>{{ title }}</title>{% endblock %}\n<body>{% block content %}base{% endblock %}</body>{{ footer | default("-") }}</html>\n',
  'page.njk': [
    '{% extends "base.njk" %}',
    '{% import "macros.njk" as m %}',
    '{% from "macros.njk" import badge, box with context %}',
    '{% block head %}{{ super() }}<meta name="x">{% endblock %}',
    '{% block content %}',
    '  {%- for item in items %}',
    '  {% include "item.njk" %}',
    '  {% else %}none',
    '  {% endfor %}',
    '{{ m.badge("a") }}{{ badge(title | upper) }}',
    '{% call box("t") %}inside {{ caller_value }}{% endcall %}',
    '{% set captured %}[{{ items | length }}]{% endset %}{{ captured }}',
    '{% filter upper %}shout {{ title }}{% endfilter %}',
    '{% raw %}{{ not rendered }}{% endraw %}{% verbatim %}{% if %}{% endverbatim %}',
    '{% switch kind %}{% case "a" %}A{% case "b" %}B{% default %}D{% endswitch %}',
    '{% if 2 in [1, 2] and 4 is divisibleby(2) %}in-and-is{% elif false %}no{% else %}no{% endif %}',
    '{# a comment #}{{ "yes" if title else "no" }} {{ items | join(",") }} {{ (items | first) ~ "!" }}',
    '{% endblock %}',
  ].join('\n'),
  'item.njk': '<li class="{{ loop.index }}">{{ item }}{% if loop.last %} (last){% endif %}</li>',
  'macros.njk':
    '{% macro badge(text) %}<b>{{ text }}</b>{% endmacro %}{% macro box(name) %}<div>{{ name }}: {{ caller() }} {{ title }}</div>{% endmacro %}',
};

const CONTEXT = { title: 'Hello <World>', items: ['x', 'y<'], kind: 'b', caller_value: 'cv' };

describe('templates compiled by compiler.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await writeSite('compiler', TEMPLATES);
  });
  afterAll(() => removeDir(dir));

  it("render exactly as with Nunjucks's compiler", () => {
    const ours = new nunjucks.Environment(new LayoutLoader([dir], OPTIONS), {
      autoescape: true,
      ...OPTIONS,
      dev: true,
    });
    const theirs = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true, ...OPTIONS });
    const expected = theirs.render('page.njk', CONTEXT);
    expect(expected).toContain('<b>HELLO &lt;WORLD&gt;</b>');
    expect(expected).toContain('{{ not rendered }}{% if %}');
    expect(ours.render('page.njk', CONTEXT)).toBe(expected);
    expect(ours.render('page.njk', { ...CONTEXT, items: [] })).toBe(
      theirs.render('page.njk', { ...CONTEXT, items: [] }),
    );
  });
});

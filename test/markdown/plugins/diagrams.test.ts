/**
 * Diagrams: ```` ```mermaid ```` fences (and `{% mermaid %}` blocks) become numbered placeholders that the
 * diagrams stage replaces; each diagram is recorded with its source and file line. No code block, no grammar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkdownProfile } from '../../../src/types.js';
import { createTestMarkdown, type TestMarkdown } from '../../helpers/markdown.js';

const PRE =
  '<pre class="shiki shiki-themes github-light github-dark" style="background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8" tabindex="0">';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown();
});
afterAll(() => md.dispose());

describe('mermaid fences', () => {
  it('become a placeholder, recorded with their source and file line', async () => {
    const result = await md.render('Intro.\n\n```mermaid\ngraph TD\n  A --> B\n```\n', { bodyLine: 5 });
    expect(result.html).toBe('<p>Intro.</p>\n<!--inkstone:diagram:0-->\n');
    expect(result.diagrams).toEqual([{ kind: 'mermaid', source: 'graph TD\n  A --> B\n', line: 7 }]);
    expect(result.features.languages).toEqual([]);
    expect(result.features.code).toBe(false);
    expect(result.diagnostics).toEqual([]);
  });

  it('match the language in any case, ignore what follows it, and keep the source as written', async () => {
    const upper = await md.render('```Mermaid {theme: dark}\ngraph LR\n```\n');
    expect(upper.html).toBe('<!--inkstone:diagram:0-->\n');
    expect(upper.diagrams).toEqual([{ kind: 'mermaid', source: 'graph LR\n', line: 1 }]);
    const tilde = await md.render('~~~mermaid\nflowchart LR\n  a & b --> <c>\n~~~\n');
    expect(tilde.html).toBe('<!--inkstone:diagram:0-->\n');
    expect(tilde.diagrams).toEqual([{ kind: 'mermaid', source: 'flowchart LR\n  a & b --> <c>\n', line: 1 }]);
  });

  it('stay where they stand, in a block quote too', async () => {
    const result = await md.render('> ```mermaid\n> graph TD\n> ```\n');
    expect(result.html).toBe('<blockquote>\n<!--inkstone:diagram:0-->\n</blockquote>\n');
    expect(result.diagrams).toEqual([{ kind: 'mermaid', source: 'graph TD\n', line: 1 }]);
  });

  it('number diagrams in order, identical sources included', async () => {
    const result = await md.render('```mermaid\ngraph TD\n```\n\n```mermaid\ngraph TD\n```\n');
    expect(result.html).toBe('<!--inkstone:diagram:0-->\n<!--inkstone:diagram:1-->\n');
    expect(result.diagrams.map((d) => d.line)).toEqual([1, 5]);
  });

  it('keep their number when the excerpt and the feed render them again', async () => {
    const result = await md.render('Lead.\n\n```mermaid\ngraph LR\n```\n\n<!--more-->\n\n```mermaid\npie\n```\n');
    expect(result.html).toBe('<p>Lead.</p>\n<!--inkstone:diagram:0-->\n<!--more-->\n<!--inkstone:diagram:1-->\n');
    expect(result.excerptHtml).toBe('<p>Lead.</p>\n<!--inkstone:diagram:0-->\n');
    expect(result.feedHtml).toBe(result.html);
    expect(result.diagrams.map((d) => d.source)).toEqual(['graph LR\n', 'pie\n']);
  });

  it('are recorded even when empty', async () => {
    const result = await md.render('```mermaid\n```\n');
    expect(result.html).toBe('<!--inkstone:diagram:0-->\n');
    expect(result.diagrams).toEqual([{ kind: 'mermaid', source: '', line: 1 }]);
  });

  it('need the language: a plain fence or indented code with mermaid text stays code', async () => {
    const result = await md.render('```\ngraph TD\n```\n\n    mermaid\n');
    expect(result.html).toBe(
      `<div class="code-block">${PRE}<code><span class="line"><span>graph TD</span></span></code></pre></div>\n` +
        `<div class="code-block">${PRE}<code><span class="line"><span>mermaid</span></span></code></pre></div>\n`,
    );
    expect(result.diagrams).toEqual([]);
  });
});

describe.each<MarkdownProfile>(['native', 'kramdown'])('mermaid fences in %s posts', (profile) => {
  it('become diagrams at the line of the opening fence', async () => {
    const own = await createTestMarkdown({}, { profile });
    try {
      const result = await own.render('Text.\n\n```mermaid\ngraph TD\n```\n', { bodyLine: 3 });
      expect(result.html).toBe('<p>Text.</p>\n<!--inkstone:diagram:0-->\n');
      expect(result.diagrams).toEqual([{ kind: 'mermaid', source: 'graph TD\n', line: 5 }]);
    } finally {
      own.dispose();
    }
  });
});

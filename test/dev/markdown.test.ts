import { describe, expect, it } from 'vitest';
import { rememberBlocks } from '../../src/dev/markdown.js';
import type { CodeHighlighter } from '../../src/markdown/highlighter.js';

describe('rememberBlocks', () => {
  it('highlights a block once, keeps the most recently used blocks, and passes the rest through', async () => {
    const calls: string[] = [];
    const loaded: string[] = [];
    const inner: CodeHighlighter = {
      loadLanguages: async (languages) => void loaded.push(...languages),
      isKnown: (language) => language === 'rust',
      highlight: (code, language, options) => {
        calls.push(`${language}:${code}`);
        return `<pre data-lang="${language}" data-lines="${options?.highlightLines?.join(',') ?? ''}">${code}</pre>`;
      },
      dispose: () => undefined,
    };
    const remembered = rememberBlocks(inner, 2);
    expect(remembered.highlight('a', 'rust')).toBe('<pre data-lang="rust" data-lines="">a</pre>');
    expect(remembered.highlight('a', 'rust')).toBe('<pre data-lang="rust" data-lines="">a</pre>');
    expect(remembered.highlight('a', 'rust', { highlightLines: [1] })).toBe(
      '<pre data-lang="rust" data-lines="1">a</pre>',
    );
    expect(remembered.highlight('a', 'go')).toBe('<pre data-lang="go" data-lines="">a</pre>');
    // Three blocks seen, two kept: the oldest ("a" in rust without options) was dropped.
    remembered.highlight('a', 'rust');
    expect(calls).toEqual(['rust:a', 'rust:a', 'go:a', 'rust:a']);
    await remembered.loadLanguages(['rust']);
    expect([loaded, remembered.isKnown('rust'), remembered.isKnown('go')]).toEqual([['rust'], true, false]);
  });
});

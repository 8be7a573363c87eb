/**
 * The differential test against kramdown: every document of test/fixtures/kramdown/cases is rendered
 * by inkstone's kramdown profile and compared, as a normalised HTML tree, with kramdown's own output
 * committed beside it (regenerate with `npm run kramdown:expected`; oracle.test.ts checks that the
 * committed output is still what kramdown gives).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMarkdown, type TestMarkdown } from '../helpers/markdown.js';
import { loadCorpus } from './corpus.js';
import { normaliseHtml } from './normalise.js';

let md: TestMarkdown;
beforeAll(async () => {
  md = await createTestMarkdown({}, { profile: 'kramdown' });
});
afterAll(() => md.dispose());

const corpus = loadCorpus();

describe('the kramdown corpus', () => {
  it('has at least 200 documents, each with kramdown output', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    for (const c of corpus) expect(c.expected.length, c.name).toBeGreaterThan(0);
  });
});

describe('inkstone renders each document as kramdown does', () => {
  it.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const html = (await md.render(c.markdown, { file: `_posts/${c.name}.md` })).html;
    expect(normaliseHtml(html, 'inkstone')).toBe(normaliseHtml(c.expected, 'kramdown'));
  });
});

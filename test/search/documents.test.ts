import { describe, expect, it } from 'vitest';
import { isSearchable, searchDocument } from '../../src/search/documents.js';
import { renderedPostRecord } from '../helpers/records.js';

describe('searchDocument', () => {
  it('makes a document of the title, the date, the body and then the tags and categories, all escaped', () => {
    const rendered = renderedPostRecord({
      slug: 'ring-buffers',
      date: '2024-03-01T09:30:00.000+01:00',
      tags: ['queues', 'a<b'],
      categories: ['systems'],
    });
    rendered.post.meta.title = 'Ring buffers & <bounded> queues';
    rendered.html = '<p>A ring buffer.</p>';
    expect(searchDocument(rendered, 'fr')).toEqual({
      url: '/ring-buffers/',
      content:
        '<!doctype html><html lang="fr"><head><title>Ring buffers &amp; &lt;bounded&gt; queues</title></head>' +
        '<body><main data-pagefind-body>' +
        '<h1>Ring buffers &amp; &lt;bounded&gt; queues</h1>' +
        '<p data-pagefind-ignore data-pagefind-meta="date:2024-03-01"></p>' +
        '<p>A ring buffer.</p>' +
        '<p data-pagefind-weight="2" data-pagefind-meta="terms">queues, a&lt;b, systems</p>' +
        '</main></body></html>',
    });
  });

  it('writes a title with a formula as readable text, and leaves out an empty list of terms', () => {
    const rendered = renderedPostRecord({ slug: 'sums', date: '2023-08-02T00:00:00.000Z' });
    rendered.post.meta.title = 'Sums of $x^2$';
    rendered.html = '<p>Body.</p>';
    const { content } = searchDocument(rendered, 'en');
    expect(content).toContain('<h1>Sums of x2</h1>');
    expect(content).not.toContain('data-pagefind-meta="terms"');
  });
});

describe('isSearchable', () => {
  it('leaves out posts with search: false and posts that redirect elsewhere', () => {
    const plain = renderedPostRecord({ slug: 'a', date: '2024-01-01T00:00:00.000Z' });
    const hidden = renderedPostRecord({ slug: 'b', date: '2024-01-01T00:00:00.000Z', data: { search: false } });
    const moved = renderedPostRecord({ slug: 'c', date: '2024-01-01T00:00:00.000Z' });
    moved.post.meta.redirectTo = 'https://example.com/c/';
    const kept = renderedPostRecord({ slug: 'd', date: '2024-01-01T00:00:00.000Z', data: { search: 'no' } });
    expect([plain, hidden, moved, kept].map(isSearchable)).toEqual([true, false, false, true]);
  });
});

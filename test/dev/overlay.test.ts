import { describe, expect, it } from 'vitest';
import { injectClient } from '../../src/dev/client.js';
import { overlayHtml } from '../../src/dev/overlay.js';

describe('overlayHtml', () => {
  it('shows each error as in the terminal, every piece of text escaped', () => {
    const html = overlayHtml([
      {
        severity: 'error',
        code: 'front-matter',
        message: 'bad <img src=x onerror="alert(1)"> & more',
        location: { file: 'posts/<a>.md', line: 2, column: 3 },
        sourceText: '---\ntitle: <script>alert(1)</script>\n---\n',
      },
    ]);
    expect(html).toContain('inkstone: 1 error; the last good version of the site is still served');
    expect(html).toContain(
      'posts/&lt;a&gt;.md:2:3 error[front-matter] bad &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more',
    );
    expect(html).toContain('  2 | title: &lt;script&gt;alert(1)&lt;/script&gt;\n    |   ^');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
  });
});

describe('injectClient', () => {
  const page = { served: '404.html', wanted: 'a/"b"/index.html', generation: 3 };
  it('puts the script before the last </body>, with escaped attributes', () => {
    const out = injectClient('<html><body><p>x</p></body></html>', page);
    expect(
      out.startsWith(
        '<html><body><p>x</p><script data-inkstone-dev data-served="404.html" data-wanted="a/&quot;b&quot;/index.html" data-generation="3">',
      ),
    ).toBe(true);
    expect(out.endsWith('</script></body></html>')).toBe(true);
  });
  it('appends the script to a page without </body>', () => {
    const out = injectClient('<p>fragment</p>', page);
    expect(out.startsWith('<p>fragment</p><script data-inkstone-dev')).toBe(true);
    expect(out.endsWith('</script>')).toBe(true);
  });
});

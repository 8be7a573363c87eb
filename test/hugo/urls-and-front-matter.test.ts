/**
 * Hugo's path making (each case as Debian's hugo 0.111 wrote it), TOML and JSON front matter with
 * their errors at the file's line and column, and a Hugo configuration error located in hugo.toml.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { readFrontMatter } from '../../src/content/front-matter.js';
import { ContentError } from '../../src/core/errors.js';
import { hugoUrlize } from '../../src/content/hugo-urlize.js';
import { removeDir, writeSite } from '../helpers/site.js';

describe('hugoUrlize', () => {
  it('makes titles as Hugo makes :title', () => {
    const cases: Array<[string, string]> = [
      ['C++ & Rust: why? Ünïcode', 'c-rust-why-ünïcode'],
      ["A_B.c  d+e#f~g -- x%y 'q' (r) é", 'a_b.c-d-e#f~g--xy-q-r-é'],
      ['a - b', 'a-b'],
      ['x - - y', 'x--y'],
      ['a%41', 'aa'],
      ['(r) x', 'r-x'],
      ['Custom Slug', 'custom-slug'],
    ];
    for (const [title, path] of cases) expect(hugoUrlize(title, 'title'), title).toBe(path);
  });

  it('keeps + in term and file paths', () => {
    expect(hugoUrlize('C++', 'path')).toBe('c++');
    expect(hugoUrlize('Go Lang', 'path')).toBe('go-lang');
    expect(hugoUrlize('My_First-Post', 'path')).toBe('my_first-post');
  });
});

describe('TOML and JSON front matter', () => {
  it('reads TOML between +++ lines, with positions in the file', () => {
    const split = readFrontMatter('+++\ntitle = "T"\ntags = ["a", "b"]\n+++\nBody\n', 'p.md');
    expect(split.yaml.value).toEqual({ title: 'T', tags: ['a', 'b'] });
    expect(split.yaml.locate(['tags'], 'key')).toEqual({ line: 3, column: 1 });
    expect(split.body).toBe('Body\n');
    expect(split.bodyLine).toBe(5);
  });

  it('reads a JSON object at the top of the file', () => {
    const split = readFrontMatter('{\n  "title": "J",\n  "date": "2015-06-07"\n}\nBody\n', 'p.md');
    expect(split.yaml.value).toEqual({ title: 'J', date: '2015-06-07' });
    expect(split.body).toBe('Body\n');
    expect(split.bodyLine).toBe(5);
  });

  it('leaves a body that starts with a shortcode alone', () => {
    expect(readFrontMatter('{{< figure src="a.png" >}}\n', 'p.md').body).toBe('{{< figure src="a.png" >}}\n');
  });

  it('names the line and column of a TOML error, and an unclosed block', () => {
    const error = (text: string) => {
      try {
        readFrontMatter(text, 'p.md');
      } catch (e) {
        return e instanceof ContentError ? `${e.location?.line}:${e.location?.column} ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(error('+++\ntitle = "T"\ndate = \n+++\n')).toMatch(/^3:\d+ invalid TOML: /);
    expect(error('+++\ntitle = "T"\n')).toBe(
      '1:1 front matter is not closed: add a line "+++" after the last front matter line',
    );
    expect(error('{\n  "title": "J",\n}\n')).toMatch(/^3:1 invalid JSON: /);
  });
});

describe('a Hugo configuration error', () => {
  it('refuses a contentDir outside the site, at its line', async () => {
    const site = await writeSite('hugo-content-dir', { 'hugo.toml': 'title = "T"\ncontentDir = "../elsewhere"\n' });
    try {
      await expect(build({ siteDir: site, write: false })).rejects.toMatchObject({
        message: 'contentDir must be a folder inside the site, such as "content", got the string "../elsewhere"',
        location: { file: 'hugo.toml', line: 2, column: 1 },
      });
    } finally {
      await removeDir(site);
    }
  });

  it('is located in hugo.toml', async () => {
    const site = await writeSite('hugo-bad-config', {
      'hugo.toml': 'title = "T"\nbaseURL = [1, 2]\n',
      'content/posts/a.md': '---\ntitle: A\ndate: 2020-01-01\n---\nA\n',
    });
    try {
      await expect(build({ siteDir: site, write: false })).rejects.toMatchObject({
        message: 'setting "url" (from hugo.toml): expected string, got a list',
        location: { file: 'hugo.toml', line: 2, column: 1 },
      });
    } finally {
      await removeDir(site);
    }
  });
});

describe('raw HTML in a Hugo site without unsafe', () => {
  it('is left out as goldmark leaves it, while shortcodes still make their HTML', async () => {
    const site = await writeSite('hugo-omit', {
      'hugo.toml': 'title = "T"\nbaseURL = "https://example.org/"\n',
      'content/posts/a.md':
        '---\ntitle: A\ndate: 2020-01-01\n---\nInline <b>bold</b> here.\n\n<div class="x">\nblock\n</div>\n\n{{< figure src="/a.png" caption="Made" >}}\n',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      expect(result.config.markdown.html).toBe('omit');
      const page = String(result.files.find((f) => f.outputPath === 'posts/a/index.html')!.contents);
      // What Debian's hugo 0.111 writes for the same post.
      expect(page).toContain(
        '<p>Inline <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> here.</p>\n<!-- raw HTML omitted -->\n',
      );
      expect(page).toContain(
        '<figure><img src="/a.png" alt="Made" loading="lazy"><figcaption><p>Made</p></figcaption></figure>',
      );
    } finally {
      await removeDir(site);
    }
  });
});

describe('shortcode parameters from a hostile post', () => {
  it('never become markup', async () => {
    const site = await writeSite('hugo-hostile', {
      'hugo.toml': 'title = "T"\nbaseURL = "https://example.org/"\n',
      'content/posts/a.md':
        '---\ntitle: A\ndate: 2020-01-01\n---\n{{< figure src="/a.png" loading=\'"><script>alert(1)</script>\' caption="<img src=x onerror=alert(2)> *ok*" class="\\"><b>" >}}\n\n{{< details summary="<script>alert(3)</script>" >}}\nInside.\n{{< /details >}}\n\n{{< highlight `py\n<script>alert(4)</script>` >}}\nx = 1\n{{< /highlight >}}\n',
    });
    try {
      const result = await build({ siteDir: site, write: false });
      const page = String(result.files.find((f) => f.outputPath === 'posts/a/index.html')!.contents);
      const body = page.slice(page.indexOf('<div class="post-content">'), page.indexOf('<footer class="post-footer">'));
      expect(body).not.toMatch(/<script|<img[^>]*onerror|<b>/);
      expect(body).toContain('<figcaption><p>&lt;img src=x onerror=alert(2)&gt; <em>ok</em></p></figcaption>');
      expect(body).toContain('<summary>&lt;script&gt;alert(3)&lt;/script&gt;</summary>');
      expect(body).toContain('loading="lazy"');
    } finally {
      await removeDir(site);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { jekyllSlugify } from '../../src/content/slug.js';
import { liquid } from './helpers.js';

const render = async (template: string) => (await liquid(template)).body;

describe('Jekyll filters', () => {
  it('relative_url adds the base path; absolute URLs pass through', async () => {
    expect(
      await render(
        '{{ "/assets/a.png" | relative_url }} {{ "assets/a.png" | relative_url }} {{ "https://x.org/a" | relative_url }} {{ "" | relative_url }}',
      ),
    ).toBe('/blog/assets/a.png /blog/assets/a.png https://x.org/a /blog/');
  });

  it('absolute_url adds the origin and the base path', async () => {
    expect(await render('{{ page.url | absolute_url }} {{ "//cdn.example/x.js" | absolute_url }}')).toBe(
      'https://example.org/blog/notes/2024/02/03/test.html //cdn.example/x.js',
    );
  });

  it('date formats with strftime in the site time zone', async () => {
    expect(await render('{{ page.date | date: "%Y-%m-%d %H:%M %b %-d" }}|{{ "2024-07-01" | date: "%A %B %e" }}')).toBe(
      '2024-02-03 11:00 Feb 3|Monday July  1',
    );
  });

  it('date_to_xmlschema, date_to_string and date_to_long_string', async () => {
    expect(
      await render(
        '{{ page.date | date_to_xmlschema }} {{ page.date | date_to_string }} {{ page.date | date_to_long_string }}',
      ),
    ).toBe('2024-02-03T11:00:00+01:00 03 Feb 2024 03 February 2024');
  });

  it('xml_escape escapes markup', async () => {
    expect(await render(`{{ "<a href='x'>Tom & Jerry</a>" | xml_escape }}`)).toBe(
      '&lt;a href=&#39;x&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    );
  });

  it('markdownify renders Markdown', async () => {
    expect(await render('{{ "A *b* [c](/d)" | markdownify }}')).toBe('<p>A <em>b</em> <a href="/d">c</a></p>\n');
  });

  it('slugify follows Jekyll in each mode', async () => {
    expect(
      await render(
        '{{ "The _config.yml file?" | slugify }}|{{ "The _config.yml file?" | slugify: "pretty" }}|{{ "Hello World!" | slugify: "raw" }}|{{ "Ça va" | slugify: "latin" }}',
      ),
    ).toBe('the-config-yml-file|the-_config.yml-file|hello-world!|ca-va');
    expect(jekyllSlugify('Über Straße', 'default')).toBe('über-straße');
    expect(jekyllSlugify('Über Straße', 'ascii')).toBe('ber-stra-e');
    expect(jekyllSlugify('Keep As Is', 'none')).toBe('Keep As Is');
  });

  it('jsonify writes JSON', async () => {
    expect(await render('{{ page.tags | jsonify }} {{ site.lab | jsonify }} {{ nothing | jsonify }}')).toBe(
      '["alpha","beta"] {"name":"Q"} null',
    );
  });

  it('number_of_words, array_to_sentence_string, cgi_escape, uri_escape, normalize_whitespace', async () => {
    expect(
      await render(
        '{{ "a b  c" | number_of_words }}|{{ page.tags | array_to_sentence_string }}|{{ "a b&c" | cgi_escape }}|{{ "/a b/é" | uri_escape }}|{{ " a \n b " | normalize_whitespace }}',
      ),
    ).toBe('3|alpha and beta|a+b%26c|/a%20b/%C3%A9|a b');
  });

  it('keeps the standard Liquid filters', async () => {
    expect(
      await render(
        '{{ "a,b" | split: "," | join: "+" | upcase }} {{ page.title | truncate: 6 }} {{ site.missing | default: "none" }}',
      ),
    ).toBe('A+B Tes... none');
  });
});

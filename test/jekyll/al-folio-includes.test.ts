/**
 * al-folio's media includes, built in for sites without them in `_includes/`: `figure.liquid`,
 * `video.liquid`, `audio.liquid` and their older `.html` names become one line of `<figure>` HTML (so the
 * post keeps its line numbers), with the site's base path on local files, every attribute escaped, and
 * the site's own include used instead when it has one.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { embedUrl } from '../../src/jekyll/al-folio-includes.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const FILE = '_posts/2024-04-01-media.md';

const MEDIA_POST = `---
title: Media
---
Intro.

{% include figure.liquid path="assets/img/9.jpg" class="img-fluid rounded z-depth-1" zoomable=true caption="A <em>caption</em>
over two lines" alt="Nine" %}

<div class="row mt-3">
    <div class="col-sm mt-3 mt-md-0">
        {% include figure.liquid loading="eager" path="/assets/img/7.jpg" width=300 height="200" title="Seven \\"quoted\\"" max-width="50%" zoomable=false %}
    </div>
</div>

{% include video.liquid path="assets/video/clip.mp4" class="img-fluid rounded z-depth-1" controls=true autoplay=true muted=true loop=true poster="assets/img/poster.jpg" caption="A clip" %}

{% include video.liquid path="https://www.youtube.com/embed/jNQXAC9IVRw" class="img-fluid rounded z-depth-1" %}

{% include video.html path="https://player.vimeo.com/video/524933864?h=1ac4fd9fb4&title=0" title="A <Vimeo> clip" width=640 height=360 %}

{% include video.liquid path="https://youtu.be/jNQXAC9IVRw?t=5" %}

{% include audio.liquid path="assets/audio/short.mp3" controls=true caption="Listen" %}

{% include audio.html path="https://cdn.example/a.mp3" controls=true %}

{% include figure.html path="assets/img/old.png" %}

{% include figure.liquid class="no-path" %}

{% include video.liquid path="javascript:alert(1)" %}

$a^$ is a broken formula on line 33.
`;

describe("al-folio's figure, video and audio includes, built in", () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  let page: string;
  beforeAll(async () => {
    site = await writeSite('al-folio-includes', {
      '_config.yml': 'title: J\nurl: https://example.org\nbaseurl: /blog\n',
      // The site's own include wins over the built-in one of the same name.
      '_includes/audio.html': '<p class="site-audio">{{ include.path }}</p>\n',
      [FILE]: MEDIA_POST,
    });
    result = await build({ siteDir: site });
    page = await readOutput(path.join(site, '_site'), '2024/04/01/media.html');
  });
  afterAll(() => removeDir(site));

  it('writes each include as one line of <figure> HTML, with the base path on local files and every attribute escaped', () => {
    const body = page.slice(page.indexOf('<p>Intro.</p>'), page.indexOf('<p><code class="math-error"'));
    expect(body.split('\n')).toEqual([
      '<p>Intro.</p>',
      '<figure><img src="/blog/assets/img/9.jpg" class="img-fluid rounded z-depth-1" alt="Nine" data-zoomable="" loading="lazy" decoding="async" /><figcaption class="caption">A <em>caption</em> over two lines</figcaption></figure>',
      '<div class="row mt-3">',
      '    <div class="col-sm mt-3 mt-md-0">',
      '        <figure><img src="/blog/assets/img/7.jpg" width="300" height="200" style="max-width: 50%;" title="Seven &quot;quoted&quot;" loading="eager" decoding="async" /></figure>',
      '    </div>',
      '</div>',
      '<figure><video src="/blog/assets/video/clip.mp4" class="img-fluid rounded z-depth-1" poster="/blog/assets/img/poster.jpg" controls="" autoplay="" loop="" muted="" playsinline=""></video><figcaption class="caption">A clip</figcaption></figure>',
      '<figure><iframe src="https://www.youtube.com/embed/jNQXAC9IVRw" class="img-fluid rounded z-depth-1" title="YouTube video" loading="lazy" allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>',
      '<figure><iframe src="https://player.vimeo.com/video/524933864?h=1ac4fd9fb4&amp;title=0" width="640" height="360" title="A &lt;Vimeo&gt; clip" loading="lazy" allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>',
      '<figure><iframe src="https://www.youtube.com/embed/jNQXAC9IVRw?start=5" title="YouTube video" loading="lazy" allow="autoplay; encrypted-media; picture-in-picture; fullscreen" allowfullscreen="" referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>',
      '<figure><audio src="/blog/assets/audio/short.mp3" controls=""></audio><figcaption class="caption">Listen</figcaption></figure>',
      '<p class="site-audio">https://cdn.example/a.mp3</p>',
      '<figure><img src="/blog/assets/img/old.png" loading="lazy" decoding="async" /></figure>',
      '',
    ]);
  });

  it('warns at file:line about an include it cannot show, and keeps the lines of the post', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      `${FILE}:29:1 warning[liquid-include] {% include figure.liquid %}: no path="…" given; nothing is shown`,
      `${FILE}:31:1 warning[liquid-include] {% include video.liquid %}: path "javascript:alert(1)" is a script address; nothing is shown`,
      expect.stringMatching(new RegExp(`^${FILE}:33:\\d+ warning\\[math\\] `)),
    ]);
  });

  it('lists each include in the compatibility report, built in or read from _includes/', () => {
    expect(
      result.compat.filter((c) => c.construct === '{% include %}').map((c) => `${c.line} ${c.status}: ${c.detail}`),
    ).toEqual([
      "6 converted: al-folio's figure.liquid, built in: a <figure> with the image and its caption",
      "11 converted: al-folio's figure.liquid, built in: a <figure> with the image and its caption",
      "15 converted: al-folio's video.liquid, built in: a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption",
      "17 converted: al-folio's video.liquid, built in: a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption",
      "19 converted: al-folio's video.html, built in: a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption",
      "21 converted: al-folio's video.liquid, built in: a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption",
      "23 converted: al-folio's audio.liquid, built in: a <figure> with the audio player and its caption",
      '25 converted: _includes/audio.html rendered into the post',
      "27 converted: al-folio's figure.html, built in: a <figure> with the image and its caption",
      "29 converted: al-folio's figure.liquid, built in: a <figure> with the image and its caption",
      "31 converted: al-folio's video.liquid, built in: a <figure> with the video (an <iframe> for YouTube, Vimeo and other players) and its caption",
    ]);
  });
});

describe('other includes', () => {
  it('are still an error when the site does not have them', async () => {
    const site = await writeSite('al-folio-missing', {
      '_config.yml': 'title: J\n',
      '_posts/2024-01-01-x.md': '---\ntitle: X\n---\n{% include gallery.liquid path="a.jpg" %}\n',
    });
    const built = await build({ siteDir: site, write: false });
    await removeDir(site);
    expect(built.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      '_posts/2024-01-01-x.md:4:1 error[liquid-include] {% include gallery.liquid %}: _includes/gallery.liquid does not exist',
    ]);
  });

  it("of the built-in names work inside a site's own include too", async () => {
    const site = await writeSite('al-folio-nested', {
      '_config.yml': 'title: J\nbaseurl: /b\n',
      '_includes/pair.html':
        '<div class="pair">\n  {% include figure.liquid path=include.a %}\n  {% include figure.liquid path=include.b %}\n</div>\n',
      '_posts/2024-01-01-x.md':
        '---\ntitle: X\n---\n{% include pair.html a="one.png" b="https://cdn.example/two.png" %}\n',
    });
    const built = await build({ siteDir: site });
    const html = await readOutput(path.join(site, '_site'), '2024/01/01/x.html');
    await removeDir(site);
    expect(built.diagnostics).toEqual([]);
    expect(html).toContain(
      '<div class="pair">\n<figure><img src="/b/one.png" loading="lazy" decoding="async" /></figure>\n<figure><img src="https://cdn.example/two.png" loading="lazy" decoding="async" /></figure>\n</div>',
    );
  });
});

describe('video addresses', () => {
  it("turn YouTube and Vimeo page addresses into their players' and leave others as they are", () => {
    expect(embedUrl('https://www.youtube.com/watch?v=jNQXAC9IVRw&t=30s')).toBe(
      'https://www.youtube.com/embed/jNQXAC9IVRw?start=30',
    );
    expect(embedUrl('https://m.youtube.com/watch?feature=share&v=jNQXAC9IVRw')).toBe(
      'https://www.youtube.com/embed/jNQXAC9IVRw',
    );
    expect(embedUrl('https://vimeo.com/524933864')).toBe('https://player.vimeo.com/video/524933864');
    expect(embedUrl('https://www.youtube.com/embed/jNQXAC9IVRw')).toBe('https://www.youtube.com/embed/jNQXAC9IVRw');
    expect(embedUrl('https://player.example/v/1?x=1')).toBe('https://player.example/v/1?x=1');
    expect(embedUrl('not a url')).toBe('not a url');
  });
});

/**
 * jekyll-twitter-plugin's `{% twitter URL %}` in Jekyll posts: a static quote that links to the post on
 * X, nothing loaded from X at build time or by default in the page; X's script only when the site opts
 * in with `embeds.twitter_script`. Lines are kept, addresses that are not posts or profiles are warnings.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnosticHeader } from '../../src/core/diagnostics.js';
import { parseTweetUrl, tweetQuote } from '../../src/jekyll/tweet-tag.js';
import { readOutput, removeDir, writeSite } from '../helpers/site.js';

const FILE = '_posts/2024-03-01-tweets.md';

const TWEETS_POST = `---
title: Tweets
tweet: https://x.com/nasa/status/1
---
A post with tweets.

{% twitter https://twitter.com/jekyllrb/status/164582893608951808 %}

{% twitter oembed https://x.com/NASA/status/1780000000000000000?s=20&t=abc maxwidth=500 limit=5 %}

{% twitter https://mobile.twitter.com/jekyllrb/ align=center %}

{% twitter https://example.com/not-a-tweet %}

{% twitter https://twitter.com/search?q=jekyll %}

{% twitter {{ page.tweet }} %}

{% twitter javascript:alert(1) %}

{% twitter https://x.com/a"onmouseover="alert(1) %}

{% twitter %}

$a^$ is a broken formula on line 25.
`;

/** The lines of the post's HTML that come from its `{% twitter %}` tags. */
function tweetLines(html: string): string[] {
  const content = html.slice(html.indexOf('<div class="post-content">'), html.indexOf('<footer'));
  return content
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^<(?:blockquote|script)|^<p>(?:<a |javascript)/.test(line));
}

describe('{% twitter %} without the script (the default)', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  let page: string;
  beforeAll(async () => {
    site = await writeSite('tweets', {
      '_config.yml': 'title: J\nplugins:\n  - jekyll-twitter-plugin\n',
      [FILE]: TWEETS_POST,
    });
    result = await build({ siteDir: site });
    page = await readOutput(path.join(site, '_site'), '2024/03/01/tweets.html');
  });
  afterAll(() => removeDir(site));

  it('writes each post or profile as a quote that links to it, and other addresses as links', () => {
    expect(tweetLines(page)).toEqual([
      '<blockquote class="tweet" cite="https://twitter.com/jekyllrb/status/164582893608951808"><p>Post by @jekyllrb on X</p><p><a href="https://twitter.com/jekyllrb/status/164582893608951808">View the post on X (Twitter)</a></p></blockquote>',
      '<blockquote class="tweet" cite="https://x.com/NASA/status/1780000000000000000"><p>Post by @NASA on X</p><p><a href="https://x.com/NASA/status/1780000000000000000">View the post on X (Twitter)</a></p></blockquote>',
      '<blockquote class="tweet" cite="https://twitter.com/jekyllrb"><p>Posts by @jekyllrb on X</p><p><a href="https://twitter.com/jekyllrb">View @jekyllrb on X (Twitter)</a></p></blockquote>',
      '<p><a href="https://example.com/not-a-tweet">https://example.com/not-a-tweet</a></p>',
      '<p><a href="https://twitter.com/search?q=jekyll">https://twitter.com/search?q=jekyll</a></p>',
      '<blockquote class="tweet" cite="https://x.com/nasa/status/1"><p>Post by @nasa on X</p><p><a href="https://x.com/nasa/status/1">View the post on X (Twitter)</a></p></blockquote>',
      '<p>javascript:alert(1)</p>',
      '<p><a href="https://x.com/a&quot;onmouseover=&quot;alert(1)">https://x.com/a&quot;onmouseover=&quot;alert(1)</a></p>',
    ]);
    expect(page).toContain('<p><code>{% twitter %}</code></p>');
  });

  it('loads nothing from X', () => {
    expect(page).not.toContain('platform.twitter.com');
    expect(page).not.toContain('twitter-tweet');
    expect(page).not.toMatch(/<script[^>]*src="https:/);
  });

  it('warns at file:line about addresses that are not posts or profiles, and keeps the lines of the post', () => {
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([
      `${FILE}:13:1 warning[liquid-twitter] {% twitter %}: "https://example.com/not-a-tweet" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as a link`,
      `${FILE}:15:1 warning[liquid-twitter] {% twitter %}: "https://twitter.com/search?q=jekyll" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as a link`,
      `${FILE}:19:1 warning[liquid-twitter] {% twitter %}: "javascript:alert(1)" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as text`,
      `${FILE}:21:1 warning[liquid-twitter] {% twitter %}: "https://x.com/a"onmouseover="alert(1)" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as a link`,
      `${FILE}:23:1 warning[liquid-twitter] {% twitter %} names no post: write {% twitter https://x.com/user/status/123 %}; it is shown as written`,
      expect.stringMatching(new RegExp(`^${FILE}:25:\\d+ warning\\[math\\] `)),
    ]);
  });

  it('lists the tags and the plugin as converted in the compatibility report', () => {
    expect(
      result.compat
        .filter((c) => /twitter/.test(c.construct))
        .map((c) => `${c.file}:${c.line} ${c.construct} ${c.status}: ${c.detail}`),
    ).toEqual([
      '_config.yml:2 plugin jekyll-twitter-plugin converted: {% twitter %} is built in: a quote that links to the post on X, with no script unless embeds.twitter_script is on',
      ...[7, 9, 11, 13, 15, 17, 19, 21, 23].map(
        (line) =>
          `${FILE}:${line} {% twitter %} converted: a quote that links to the post on X, with no script unless embeds.twitter_script is on`,
      ),
    ]);
  });
});

describe('{% twitter %} with embeds.twitter_script', () => {
  let site: string;
  let result: Awaited<ReturnType<typeof build>>;
  let page: string;
  beforeAll(async () => {
    site = await writeSite('tweets-script', {
      '_config.yml': 'title: J\n',
      '_posts/2024-03-02-two.md':
        '---\ntitle: Two\n---\n{% twitter https://x.com/a/status/1 %}\n\nText.\n\n{% twitter https://twitter.com/b/status/2 %}\n\n{% twitter https://x.com/jekyllrb %}\n',
      '_posts/2024-03-03-none.md': '---\ntitle: None\n---\nNo tweets.\n',
    });
    result = await build({ siteDir: site, config: { embeds: { twitter_script: true } } });
    page = await readOutput(path.join(site, '_site'), '2024/03/02/two.html');
  });
  afterAll(() => removeDir(site));

  it("marks the quotes for X's script and loads it once, after the first", () => {
    expect(result.diagnostics.map((d) => formatDiagnosticHeader(d))).toEqual([]);
    expect(tweetLines(page)).toEqual([
      '<blockquote class="tweet twitter-tweet" data-dnt="true" cite="https://x.com/a/status/1"><p>Post by @a on X</p><p><a href="https://x.com/a/status/1">View the post on X (Twitter)</a></p></blockquote>',
      '<script async="" src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
      '<blockquote class="tweet twitter-tweet" data-dnt="true" cite="https://twitter.com/b/status/2"><p>Post by @b on X</p><p><a href="https://twitter.com/b/status/2">View the post on X (Twitter)</a></p></blockquote>',
      '<blockquote class="tweet" cite="https://x.com/jekyllrb"><p>Posts by @jekyllrb on X</p><p><a class="twitter-timeline" data-dnt="true" href="https://x.com/jekyllrb">View @jekyllrb on X (Twitter)</a></p></blockquote>',
    ]);
  });

  it('loads nothing on pages without tweets', async () => {
    expect(await readOutput(path.join(site, '_site'), '2024/03/03/none.html')).not.toContain('platform.twitter.com');
  });
});

describe('embeds.twitter_script in the configuration', () => {
  it('must be true or false', async () => {
    const site = await writeSite('tweets-config', {
      'inkstone.yml': 'embeds:\n  twitter_script: sometimes\n',
      'posts/a.md': '---\ntitle: A\n---\nA.\n',
    });
    const error = await build({ siteDir: site, write: false }).catch((e: unknown) => e);
    await removeDir(site);
    expect(error).toMatchObject({
      message: 'setting "embeds.twitter_script": expected boolean, got the string "sometimes"',
      location: { file: 'inkstone.yml', line: 2, column: 19 },
    });
  });
});

describe('tweet addresses', () => {
  it('name a post, with or without its account, or a profile, on twitter.com or x.com only', () => {
    expect(parseTweetUrl('https://www.twitter.com/Some_User/statuses/42/photo/1?s=20#x')).toEqual({
      kind: 'post',
      handle: 'Some_User',
      href: 'https://twitter.com/Some_User/status/42',
    });
    expect(parseTweetUrl('https://X.com/i/web/status/42')).toEqual({
      kind: 'post',
      handle: undefined,
      href: 'https://x.com/i/web/status/42',
    });
    expect(parseTweetUrl('http://x.com/someone/')).toEqual({
      kind: 'profile',
      handle: 'someone',
      href: 'https://x.com/someone',
    });
    for (const other of [
      'https://x.com/home',
      'https://x.com/',
      'https://x.com/a/likes',
      'https://x.com.evil.example/a/status/1',
      'https://nottwitter.com/a/status/1',
      'ftp://x.com/a/status/1',
      'https://x.com/waytoolonghandle16/status/1',
    ]) {
      expect(parseTweetUrl(other), other).toBeUndefined();
    }
  });

  it('show a post without its account as a post on X', () => {
    expect(tweetQuote({ kind: 'post', handle: undefined, href: 'https://x.com/i/web/status/42' }, false)).toBe(
      '<blockquote class="tweet" cite="https://x.com/i/web/status/42"><p>A post on X</p><p><a href="https://x.com/i/web/status/42">View the post on X (Twitter)</a></p></blockquote>',
    );
  });
});

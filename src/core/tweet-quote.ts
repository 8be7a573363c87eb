/**
 * A post on X (Twitter) shown without X: a quote that links to it, marked up for X's widgets.js only
 * when the site opts in. Used by Jekyll's `{% twitter %}` and Hugo's `{{< x >}}` / `{{< tweet >}}`.
 */
import { escapeHtml } from './html.js';

/** X's embed script, loaded only when the site turns `embeds.twitter_script` on. */
export const TWITTER_SCRIPT_URL = 'https://platform.twitter.com/widgets.js';

/** What a `{% twitter %}` address names, with the address to link to (no tracking query). */
export type TweetTarget =
  | { kind: 'post'; handle: string | undefined; href: string }
  | { kind: 'profile'; handle: string; href: string };

// First path segments of x.com that are pages of the site, not accounts.
const NOT_ACCOUNTS = new Set([
  'i',
  'home',
  'search',
  'explore',
  'hashtag',
  'intent',
  'share',
  'settings',
  'messages',
  'notifications',
  'login',
  'signup',
  'tos',
  'privacy',
  'compose',
]);

/** The post (`/user/status/123`, `/i/web/status/123`) or profile (`/user`) on twitter.com or x.com that `url` names. */
export function parseTweetUrl(url: string): TweetTarget | undefined {
  const match = /^https?:\/\/(?:www\.|mobile\.)?(twitter\.com|x\.com)(\/[^?#]*)?(?:[?#].*)?$/i.exec(url);
  if (!match) return undefined;
  const origin = `https://${match[1]!.toLowerCase()}`;
  const path = match[2] ?? '/';
  const post = /^\/(?:i\/web|i|([A-Za-z0-9_]{1,15}))\/status(?:es)?\/(\d{1,20})(?:\/.*)?$/.exec(path);
  if (post)
    return {
      kind: 'post',
      handle: post[1],
      href: post[1] ? `${origin}/${post[1]}/status/${post[2]}` : `${origin}/i/web/status/${post[2]}`,
    };
  const profile = /^\/([A-Za-z0-9_]{1,15})\/?$/.exec(path);
  if (profile && !NOT_ACCOUNTS.has(profile[1]!.toLowerCase()))
    return { kind: 'profile', handle: profile[1]!, href: `${origin}/${profile[1]}` };
  return undefined;
}

/** The quote for `target`, marked up for X's script when `script` is set. */
export function tweetQuote(target: TweetTarget, script: boolean): string {
  const href = escapeHtml(target.href);
  if (target.kind === 'post') {
    const marks = script ? ' class="tweet twitter-tweet" data-dnt="true"' : ' class="tweet"';
    const who = target.handle ? `Post by @${target.handle} on X` : 'A post on X';
    return `<blockquote${marks} cite="${href}"><p>${who}</p><p><a href="${href}">View the post on X (Twitter)</a></p></blockquote>`;
  }
  const link = script ? `<a class="twitter-timeline" data-dnt="true" href="${href}">` : `<a href="${href}">`;
  return `<blockquote class="tweet" cite="${href}"><p>Posts by @${target.handle} on X</p><p>${link}View @${target.handle} on X (Twitter)</a></p></blockquote>`;
}

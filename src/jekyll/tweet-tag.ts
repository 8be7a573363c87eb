/**
 * jekyll-twitter-plugin's `{% twitter URL %}` (also `{% twitter oembed URL %}`; options such as
 * `maxwidth=500 limit=5` are accepted and ignored): a quote that links to the post or profile on X, as
 * one line of HTML in place of the tag, so the post keeps its lines. Nothing is fetched at build time,
 * and by default the page loads nothing from X. With `embeds.twitter_script` the quote is marked up for
 * X's widgets.js, which the post loads once, right after its first quote (the reader's opt-in, so the
 * script goes with the HTML rather than through the layout). Any other address is a warning at the tag
 * and is shown as a link, or as text when it is not an http(s) address.
 */
import { Tag, type Context } from 'liquidjs';
import { escapeHtml } from '../core/html.js';
import { TWITTER_SCRIPT_URL, parseTweetUrl, tweetQuote } from '../core/tweet-quote.js';
import { reportLiquid, tokenPosition, type LiquidRun, type LiquidSite } from './liquid-run.js';
import { codeSpan, type TagClass } from './tags.js';

export { parseTweetUrl, TWITTER_SCRIPT_URL, type TweetTarget, tweetQuote } from '../core/tweet-quote.js';

/** The `twitter` tag bound to one post's run; that post loads X's script at most once. */
export function tweetTag(site: LiquidSite, run: LiquidRun): TagClass {
  let scriptWritten = false;
  return class TweetTag extends Tag {
    *render(ctx: Context): Generator<unknown, string, unknown> {
      const at = tokenPosition(run, this.token);
      const args = this.token.args.includes('{{')
        ? String(yield this.liquid._parseAndRender(this.token.args, ctx, {}))
        : this.token.args;
      // `oembed` names the plugin's API, and `key=value` options set the size of X's embed: neither applies.
      const words = args
        .trim()
        .split(/\s+/)
        .filter((word) => word !== '' && !/^[\w-]+=/.test(word));
      if (words[0] === 'oembed') words.shift();
      const url = words[0];
      if (url === undefined) {
        reportLiquid(
          run,
          'warning',
          'liquid-twitter',
          '{% twitter %} names no post: write {% twitter https://x.com/user/status/123 %}; it is shown as written',
          at,
        );
        const text = this.token.getText();
        return run.code.has(at.line0) ? text : codeSpan(text);
      }
      const target = parseTweetUrl(url);
      if (!target) {
        const web = /^https?:\/\//i.test(url);
        reportLiquid(
          run,
          'warning',
          'liquid-twitter',
          `{% twitter %}: "${url}" is not the address of a post or a profile on X (twitter.com or x.com); it is shown as ${web ? 'a link' : 'text'}`,
          at,
        );
        return web ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : `<p>${escapeHtml(url)}</p>`;
      }
      const script = site.embeds.twitter_script;
      const quote = tweetQuote(target, script);
      if (!script || scriptWritten) return quote;
      scriptWritten = true;
      return `${quote}<script async src="${TWITTER_SCRIPT_URL}" charset="utf-8"></script>`;
    }
  };
}

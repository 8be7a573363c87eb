/**
 * jekyll-scholar's tags, built in: `{% cite key1 key2 %}` (with `-l 23` or `--locator 23` for a page),
 * `{% reference key %}`, `{% quote key %}…{% endquote %}`, `{% bibliography %}` (every entry) and
 * `{% bibliography --cited %}` (the entries this post cited). A post that cites without a bibliography
 * tag gets its references at the end (see appendReferences). An unknown key is a warning at its line.
 */
import {
  Tag,
  type Context,
  type Emitter,
  type Liquid,
  type Parser,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';
import type { Bibliography } from '../citations/bibliography.js';
import { citeKnown } from '../citations/cite.js';
import { citationHtml, missingCitationHtml, referenceListHtml, referencesSectionHtml } from '../citations/html.js';
import { reportLiquid, tokenPosition, type LiquidRun, type LiquidSite } from './liquid-run.js';
import { readBlock, type TagClass } from './tags.js';

/** What a post's citations collect while its Liquid renders. */
export interface CitationState {
  /** Keys cited so far, in order of first citation (their numbers in numeric style). */
  cited: string[];
  /** A `{% bibliography %}` tag was written. */
  listed: boolean;
  /** The post's own bibliography files (front matter `bibliography:`). */
  files: string[];
}

/** The tags of this file by name, bound to one post's run. */
export function scholarTags(site: LiquidSite, run: LiquidRun): Record<string, TagClass> {
  const state = run.citations;
  const bibliography = () => site.bibliographies.forPost(state.files);
  /** The known keys of `keys`, each cited; unknown ones are warned about at `token`. */
  const cite = (bib: Bibliography | undefined, keys: string[], token: TagToken, tag: string): string[] => {
    return citeKnown(
      bib,
      keys,
      state.cited,
      (key, why) =>
        reportLiquid(run, 'warning', 'citation', `{% ${tag} %}: the key "${key}" ${why}`, tokenPosition(run, token)),
      'the site has no bibliography (set bibliography in inkstone.yml, or scholar in _config.yml)',
    );
  };
  const number = (key: string) => state.cited.indexOf(key) + 1;

  class CiteTag extends Tag {
    *render(): Generator<unknown, string, unknown> {
      const { keys, locator } = citeArgs(this.token.args);
      const bib = (yield bibliography()) as Bibliography | undefined;
      const known = cite(bib, keys, this.token, 'cite');
      return known.length > 0 && bib ? citationHtml(bib, known, number, locator) : missingCitationHtml(keys);
    }
  }
  class ReferenceTag extends Tag {
    *render(): Generator<unknown, string, unknown> {
      const { keys } = citeArgs(this.token.args);
      const bib = (yield bibliography()) as Bibliography | undefined;
      const known = cite(bib, keys.slice(0, 1), this.token, 'reference');
      const entry = known.length > 0 && bib ? bib.references(known)[0] : undefined;
      return entry ? `<span class="reference">${entry.html}</span>` : missingCitationHtml(keys.slice(0, 1));
    }
  }
  class BibliographyTag extends Tag {
    *render(): Generator<unknown, string, unknown> {
      state.listed = true;
      const bib = (yield bibliography()) as Bibliography | undefined;
      if (!bib) {
        reportLiquid(
          run,
          'warning',
          'citation',
          '{% bibliography %}: the site has no bibliography (set bibliography in inkstone.yml, or scholar in _config.yml)',
          tokenPosition(run, this.token),
        );
        return '';
      }
      const citedOnly = /(^|\s)(--cited|-c)(\s|$)/.test(this.token.args);
      const keys = citedOnly ? state.cited : [...state.cited, ...bib.keys().filter((k) => !state.cited.includes(k))];
      return referenceListHtml(bib, keys);
    }
  }
  class QuoteTag extends Tag {
    private readonly templates: Template[];
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remain, liquid);
      this.templates = readBlock('quote', token, remain, parser);
    }
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const { keys, locator } = citeArgs(this.token.args);
      const bib = (yield bibliography()) as Bibliography | undefined;
      const known = cite(bib, keys, this.token, 'quote');
      const source = known.length > 0 && bib ? citationHtml(bib, known, number, locator) : missingCitationHtml(keys);
      const inner = String(yield this.liquid.renderer.renderTemplates(this.templates, ctx));
      const blank = run.profile === 'kramdown' ? '' : '\n';
      emitter.write(
        `<blockquote class="citation-quote" markdown="1">${blank}${inner}${blank}<p class="quote-source">— ${source}</p></blockquote>`,
      );
    }
  }
  return { cite: CiteTag, reference: ReferenceTag, bibliography: BibliographyTag, quote: QuoteTag };
}

/** `key1 key2 -l 23` → keys and locator (jekyll-scholar's `--file` and other options are ignored). */
function citeArgs(args: string): { keys: string[]; locator?: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const keys: string[] = [];
  let locator: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-l' || word === '--locator') locator = words[++i];
    else if (word.startsWith('-')) {
      if (!word.includes('=')) i++;
    } else keys.push(word);
  }
  return { keys, ...(locator ? { locator: /^\d/.test(locator) ? `p. ${locator}` : locator } : {}) };
}

/** The post's references after its body, when it cited something and wrote no `{% bibliography %}`. */
export async function appendReferences(body: string, site: LiquidSite, state: CitationState): Promise<string> {
  if (state.cited.length === 0 || state.listed) return body;
  const bib = await site.bibliographies.forPost(state.files);
  if (!bib) return body;
  return `${body.replace(/\n*$/, '')}\n\n${referencesSectionHtml(bib, state.cited)}\n`;
}

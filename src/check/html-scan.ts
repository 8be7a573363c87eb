/** Reads what link checking needs out of a page: its ids and every URL it points at. */
import { Parser } from 'htmlparser2';

/** A URL found in a page, with the attribute that holds it. */
export interface PageLink {
  tag: string;
  attribute: string;
  value: string;
}

/** The ids and links of one HTML page. */
export interface PageScan {
  ids: string[];
  links: PageLink[];
}

const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  img: ['src'],
  script: ['src'],
  source: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  iframe: ['src'],
};

/** Parses `html` (tolerantly, as browsers do). Links inside `<svg>` are left out: they point into the diagram. */
export function scanPage(html: string): PageScan {
  const ids: string[] = [];
  const links: PageLink[] = [];
  let svgDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'svg') svgDepth++;
        if (attributes.id !== undefined) ids.push(attributes.id);
        if (svgDepth > 0) return;
        // rel=canonical and rel=alternate name absolute URLs that a local check cannot fetch; they are checked by path.
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (value !== undefined && value !== '') links.push({ tag: name, attribute, value });
        }
        // Each candidate of a srcset (responsive images' variants): its URL, before its width or density.
        if ((name === 'img' || name === 'source') && attributes.srcset)
          for (const value of srcsetUrls(attributes.srcset)) links.push({ tag: name, attribute: 'srcset', value });
      },
      onclosetag(name) {
        if (name === 'svg') svgDepth = Math.max(0, svgDepth - 1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { ids, links };
}

/**
 * The URLs of a srcset, split as the HTML standard does: a URL runs to the next whitespace (a comma
 * that ends it ends its candidate), and its descriptors (`480w`, `2x`) run to the next comma.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let at = 0;
  while (at < srcset.length) {
    while (at < srcset.length && /[\s,]/.test(srcset[at]!)) at++;
    const start = at;
    while (at < srcset.length && !/\s/.test(srcset[at]!)) at++;
    let url = srcset.slice(start, at);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else while (at < srcset.length && srcset[at] !== ',') at++;
    if (url) urls.push(url);
  }
  return urls;
}

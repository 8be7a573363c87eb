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

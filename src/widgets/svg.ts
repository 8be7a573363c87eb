/**
 * Makes an SVG that a widget library drew in Node safe and unique to inline, as the page function
 * does for mermaid's (src/diagrams/in-page.ts): script-capable elements, event handlers and
 * script or data links go; every id becomes the figure's own id and a number, and every reference follows;
 * the library's own style sheet goes (its rules are hover effects, and a `<style>` inside an inline SVG
 * applies to the whole page), and so do roles and ARIA attributes inside (the root is one image); the root gets the figure's id, an accessible name, a viewBox if it has
 * none (so that CSS scales it) and a rule that hides it in the other colour scheme.
 */
import { schemeHideRule } from '../core/color-scheme.js';
import render from 'dom-serializer';
import { type ChildNode, Element, isTag, Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Elements removed with their contents. */
const DROPPED = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'foreignobject',
  'frame',
  'frameset',
  'link',
  'meta',
  'base',
]);
const LINK_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction']);
const REFERENCE_ATTRIBUTES = /^(?:aria-labelledby|aria-describedby)$/;

/** How a finished SVG is labelled and in which colour scheme it shows. */
export interface SvgFinish {
  /** The root's id, and the prefix of every id inside. */
  id: string;
  /** `light` or `dark`: hidden in the other scheme. `both`: one drawing for both schemes. */
  scheme: 'light' | 'dark' | 'both';
  /** The accessible name, unless the SVG has one. */
  label: string;
}

/** The SVG `svg` made safe to inline as described above; throws when it holds no `<svg>`. */
export function finishSvg(svg: string, finish: SvgFinish): string {
  const document = parseDocument(svg, { xmlMode: true, recognizeSelfClosing: true });
  const root = document.children.find((node): node is Element => isTag(node) && node.name === 'svg');
  if (!root) throw new Error('the library returned no SVG');
  const elements: Element[] = [];
  clean(root, elements);
  renameIds(root, elements, finish.id);
  // Without a viewBox, an SVG narrowed by CSS is cut off instead of scaled down.
  const width = Number.parseFloat(root.attribs.width ?? '');
  const height = Number.parseFloat(root.attribs.height ?? '');
  if (!root.attribs.viewBox && width > 0 && height > 0) root.attribs.viewBox = `0 0 ${width} ${height}`;
  root.attribs.id = finish.id;
  root.attribs.role = 'img';
  if (!root.attribs['aria-label'] && !root.attribs['aria-labelledby']) root.attribs['aria-label'] = finish.label;
  // A drawing for one colour scheme hides in the other; one drawn for both has no rule.
  if (finish.scheme !== 'both') {
    const style = new Element('style', {}, [new Text(schemeHideRule(finish.id, finish.scheme))]);
    style.parent = root;
    root.children.unshift(style);
  }
  return render(root, { xmlMode: true, selfClosingTags: true, encodeEntities: 'utf8' });
}

function clean(element: Element, elements: Element[]): void {
  elements.push(element);
  element.children = element.children.filter((child: ChildNode) => {
    if (child.type === 'comment' || child.type === 'directive') return false;
    if (!isTag(child)) return true;
    if (DROPPED.has(child.name.toLowerCase())) return false;
    for (const name of Object.keys(child.attribs)) {
      const lower = name.toLowerCase();
      const value = child.attribs[name]!.trim().toLowerCase();
      if (
        lower.startsWith('on') ||
        (LINK_ATTRIBUTES.has(lower) && /^(?:javascript|vbscript|data):/.test(value.replace(/[\s\0]/g, ''))) ||
        // ECharts marks its data elements for its own event code; readers need none of it.
        lower.startsWith('ecmeta_') ||
        // The root is one image with a name: roles and labels inside it (Vega's) are never read, and
        // a graphics role without a title is an accessibility error.
        lower === 'role' ||
        lower.startsWith('aria-')
      )
        delete child.attribs[name];
    }
    clean(child, elements);
    return true;
  });
}

/** Renames every id under `root` to `prefix-N`, keeping them unique, and follows every reference. */
function renameIds(root: Element, elements: readonly Element[], prefix: string): void {
  const renamed = new Map<string, string>();
  // Numbered in document order, not named after the library's ids: some libraries make random ones,
  // and the same source must give the same bytes on every build.
  let count = 0;
  for (const element of elements) {
    const old = element.attribs.id;
    if (element === root || old === undefined) continue;
    const next = `${prefix}-${++count}`;
    if (!renamed.has(old)) renamed.set(old, next);
    element.attribs.id = next;
  }
  delete root.attribs.id;
  if (renamed.size === 0) return;
  for (const element of elements) {
    for (const [name, value] of Object.entries(element.attribs)) {
      let next = value;
      if (REFERENCE_ATTRIBUTES.test(name)) {
        next = value
          .split(/\s+/)
          .map((token) => renamed.get(token) ?? token)
          .join(' ');
      } else if (value.includes('#')) {
        next = value.replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (whole, _q: string, id: string) =>
          renamed.has(id) ? `url(#${renamed.get(id)})` : whole,
        );
        if (next.startsWith('#') && renamed.has(next.slice(1))) next = `#${renamed.get(next.slice(1))}`;
      }
      if (next !== value) element.attribs[name] = next;
    }
  }
}

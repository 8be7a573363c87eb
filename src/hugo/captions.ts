/**
 * WordPress's `[caption …]<img …> Text[/caption]` (kept by every WordPress-to-Hugo export) as the
 * `<figure>` WordPress showed: the image (and its link) rebuilt from their attributes, so that no other
 * markup rides along, and the caption as text.
 */
import { escapeHtml } from '../core/html.js';

const CAPTION = /\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g;

/** `text` with every caption replaced by `figure(html, offset)` (the snippet's placeholder; `offset` is where the caption starts). */
export function replaceCaptions(text: string, figure: (html: string, offset: number) => string): string {
  if (!text.includes('[caption')) return text;
  return text.replace(CAPTION, (whole, attributes: string, inner: string, offset: number) => {
    const html = captionFigure(attributes, inner);
    return html === undefined ? whole : figure(html, offset);
  });
}

/** The figure of one caption, or undefined when it holds no image (then it is left as written). */
export function captionFigure(attributes: string, inner: string): string | undefined {
  const outer = readAttributes(attributes);
  const imgTag = /<img\b[^>]*>/i.exec(inner);
  if (!imgTag) return undefined;
  const img = readAttributes(imgTag[0]);
  if (!img['src']) return undefined;
  const link = /<a\b[^>]*>\s*<img\b/i.exec(inner);
  const href = link ? readAttributes(link[0].replace(/<img\b$/i, ''))['href'] : undefined;
  const text = (outer['caption'] ?? inner.slice(inner.lastIndexOf('>') + 1)).replace(/<[^>]*>/g, '').trim();
  const attr = (name: string, value: string | undefined) => (value ? ` ${name}="${escapeHtml(value)}"` : '');
  let media = `<img${attr('src', img['src'])}${attr('alt', img['alt'])}${attr('width', img['width'])}${attr('height', img['height'])}${attr('class', img['class'])} loading="lazy">`;
  if (href) media = `<a${attr('href', href)}>${media}</a>`;
  const align = /^align(left|right|center|none)$/.test(outer['align'] ?? '') ? ` ${outer['align']}` : '';
  const width = /^\d+$/.test(outer['width'] ?? '') ? ` style="max-width:${outer['width']}px"` : '';
  return `<figure${attr('id', outer['id'])} class="wp-caption${align}"${width}>${media}${text ? `<figcaption>${escapeHtml(text)}</figcaption>` : ''}</figure>`;
}

/** `name="value"` (or single quotes, or bare) pairs of a tag or shortcode, names lower-cased. */
function readAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const match of source.matchAll(/([a-zA-Z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>\]]+))/g)) {
    out[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return out;
}

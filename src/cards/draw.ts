/**
 * A post's social card: the 1200 × 630 PNG that link previews (Open Graph, X, Mastodon, Slack) show.
 * The title is set large, wrapped at words and made smaller until it fits its box; under it the date
 * and the site's name, then the first tags. Text is laid out by Pango (through sharp and libvips) with
 * the system's sans-serif font, so no browser is needed.
 */
import { escapeHtml } from '../core/html.js';

type Sharp = typeof import('sharp')['default'];

/** What a card says. */
export interface CardText {
  title: string;
  /** The date as the site shows it. */
  date: string;
  site: string;
  tags: readonly string[];
}

/** A card's look, from the theme: colours (CSS hex colours) and the font family (a fontconfig name). */
export interface CardStyle {
  paper: string;
  ink: string;
  muted: string;
  accent: string;
  font: string;
}

/** The look of a theme that gives none. */
export const DEFAULT_CARD_STYLE: CardStyle = {
  paper: '#fbfaf7',
  ink: '#1c1d1f',
  muted: '#4a4f57',
  accent: '#0b5cad',
  font: 'sans',
};

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const MARGIN = 80;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;
/** The title's box: it is set at the first size (in points at 72 dpi, so pixels) whose lines fit. */
const TITLE_HEIGHT = 330;
const TITLE_SIZES = [68, 60, 52, 46, 40, 34];
const MAX_TITLE = 180;
const MAX_TAGS = 5;

/** The card of `text`, as PNG bytes. */
export async function drawCard(sharp: Sharp, text: CardText, style: CardStyle): Promise<Uint8Array> {
  const title = await drawTitle(sharp, clip(text.title, MAX_TITLE) || '·', style);
  const metaText = [text.date, printable(text.site).trim()].filter(Boolean).join('  ·  ');
  const meta = metaText ? await drawLine(sharp, metaText, style.muted, `${style.font} 30`) : undefined;
  const tags = text.tags.slice(0, MAX_TAGS).map((t) => `#${clip(t, 40)}`);
  const tagLine =
    tags.length > 0 ? await drawLine(sharp, tags.join('   '), style.accent, `${style.font} bold 28`) : undefined;
  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">` +
      `<rect width="100%" height="100%" fill="${style.paper}"/>` +
      `<rect width="20" height="${CARD_HEIGHT}" fill="${style.accent}"/></svg>`,
  );
  const bottom = CARD_HEIGHT - MARGIN;
  const layers = [
    { input: title, left: MARGIN, top: MARGIN },
    ...(tagLine ? [{ input: tagLine.bytes, left: MARGIN, top: bottom - tagLine.height }] : []),
    ...(meta
      ? [{ input: meta.bytes, left: MARGIN, top: bottom - (tagLine ? tagLine.height + 22 : 0) - meta.height }]
      : []),
  ];
  const png = await sharp(background).composite(layers).png({ compressionLevel: 6 }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** The title at the largest size whose lines fit the title's box. */
async function drawTitle(sharp: Sharp, title: string, style: CardStyle): Promise<Buffer> {
  // A first guess from the length saves most titles a second layout.
  // (a bold sans glyph is about 0.55 of the size wide; a line is 1.25 of it high).
  const fits = (size: number) => Math.ceil((title.length * size * 0.55) / TEXT_WIDTH) * size * 1.25 <= TITLE_HEIGHT;
  const guess = TITLE_SIZES.findIndex(fits);
  const first = guess === -1 ? TITLE_SIZES.length - 1 : guess;
  let drawn: { bytes: Buffer; width: number; height: number } | undefined;
  for (const size of TITLE_SIZES.slice(first)) {
    drawn = await drawLine(sharp, title, style.ink, `${style.font} bold ${size}`);
    if (drawn.height <= TITLE_HEIGHT) return drawn.bytes;
  }
  // Still too tall at the smallest size (a title of very long words): cut to the box.
  const { bytes, width } = drawn!;
  return sharp(bytes).extract({ left: 0, top: 0, width, height: TITLE_HEIGHT }).png().toBuffer();
}

/** `text` in `font`, wrapped at words to the text width. */
async function drawLine(
  sharp: Sharp,
  text: string,
  colour: string,
  font: string,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${colour}">${escapeHtml(text)}</span>`,
      font,
      width: TEXT_WIDTH,
      dpi: 72,
      rgba: true,
      wrap: 'word-char',
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/** Characters Pango's markup refuses (controls, noncharacters, lone surrogates) are left out. */
function printable(text: string): string {
  return text
    .replace(/[\t\n\r]/g, ' ')
    .replace(
      /[\u0000-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '',
    );
}

function clip(text: string, max: number): string {
  const chars = [...printable(text).replace(/\s+/g, ' ').trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

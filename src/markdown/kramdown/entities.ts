/** HTML entities as kramdown reads them (`&name;`, `&#nn;`, `&#xhh;`). */
import { decodeHTMLStrict } from 'entities';

/** The character an entity stands for; undefined for a name kramdown does not know. */
export function entityChar(
  name: string | undefined,
  decimal: string | undefined,
  hex: string | undefined,
): string | undefined {
  if (name !== undefined) {
    const decoded = decodeHTMLStrict(`&${name};`);
    return decoded === `&${name};` ? undefined : decoded;
  }
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  if (!Number.isFinite(code) || code > 0x10ffff) return undefined;
  return String.fromCodePoint(code);
}

/** kramdown (`entity_output: as_char`) writes these four as entities, every other entity as its character. */
export function entityOutput(char: string): string {
  switch (char) {
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '&':
      return '&amp;';
    default:
      return char;
  }
}

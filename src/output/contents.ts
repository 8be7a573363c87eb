/** Reading an output file's contents, which stages produce either as text or as bytes. */

/** The contents as UTF-8 text. */
export function contentsText(contents: string | Uint8Array): string {
  return typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8');
}

/**
 * What an attribute list (`{: key="value"}`, kramdown's IALs and ALDs, in native and kramdown posts)
 * may set: never an event handler (`on…`), and never a script address in an attribute that holds one.
 * Raw HTML is the author's own business (see `markdown.html`); an attribute list is Markdown, and
 * Markdown does not add script to a page.
 */

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'background',
  'data',
  'srcset',
]);

/** True when `value` is an address a browser would run as script (or a non-image `data:` document). */
export function isScriptUrl(value: string): boolean {
  // Browsers ignore control characters and white space inside the scheme: `java\tscript:` runs.
  const scheme = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  return (
    /^(?:javascript|vbscript|livescript):/.test(scheme) ||
    (scheme.startsWith('data:') && !/^data:image\/(?:png|gif|jpe?g|webp|avif);/.test(scheme))
  );
}

/** True when an attribute list may set attribute `name` to `value`. */
export function allowedListAttribute(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return false;
  if (URL_ATTRIBUTES.has(lower) && isScriptUrl(value)) return false;
  return true;
}

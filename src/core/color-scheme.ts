/**
 * Drawings made twice, for light and dark (diagrams, charts), each carry a rule that hides them in the
 * other colour scheme: the reader's choice on the page (`<html data-theme="light|dark">`, set by the
 * theme's button) when there is one, else the system's (`prefers-color-scheme`).
 */

/** The CSS that hides `#id`, a drawing for `scheme`, whenever the page shows the other scheme. */
export function schemeHideRule(id: string, scheme: 'light' | 'dark'): string {
  const other = scheme === 'light' ? 'dark' : 'light';
  const systemOther = scheme === 'light' ? '(prefers-color-scheme: dark)' : 'not (prefers-color-scheme: dark)';
  return `@media ${systemOther}{:root:not([data-theme=${scheme}]) #${id}{display:none}}:root[data-theme=${other}] #${id}{display:none}`;
}

/** Citing keys: the one rule the jekyll-scholar tags, Distill's `<d-cite>` and native `[@key]` share. */
import type { Bibliography } from './bibliography.js';

/**
 * The keys of `keys` that `bibliography` knows, each added to `cited` (the post's keys in order of
 * first citation, which are their numbers in numeric style); `unknown` is told of each other key and
 * why (`noBibliography` when there is no bibliography at all).
 */
export function citeKnown(
  bibliography: Bibliography | undefined,
  keys: readonly string[],
  cited: string[],
  unknown: (key: string, why: string) => void,
  noBibliography: string,
): string[] {
  const known: string[] = [];
  for (const key of keys) {
    if (bibliography?.has(key)) {
      known.push(key);
      if (!cited.includes(key)) cited.push(key);
    } else unknown(key, bibliography ? 'is not in the bibliography' : `cannot be looked up: ${noBibliography}`);
  }
  return known;
}

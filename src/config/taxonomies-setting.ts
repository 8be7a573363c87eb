/** The `taxonomies` setting: taxonomies besides tags and categories, and the names they may not have. */
import { z } from 'zod';

/** Names a taxonomy of the `taxonomies` setting may not have: the built-in ones, and folders inkstone writes. */
export const RESERVED_TAXONOMY_NAMES = [
  'tags',
  'categories',
  'category',
  'series',
  'archive',
  'assets',
  'pagefind',
  'page',
];

/**
 * Each front matter key (a plural such as `authors`, which also names the folder of its pages:
 * `/authors/`, `/authors/<term>/`) with the singular that labels a term (`Author: Ann Lee`).
 */
export const taxonomiesSetting = z
  .record(z.string(), z.string().trim().min(1, 'expected the singular name, such as "author"'))
  .superRefine((taxonomies, ctx) => {
    for (const name of Object.keys(taxonomies)) {
      const problem = !/^[a-z][a-z0-9_-]*$/.test(name)
        ? `the name "${name}" is not a lower-case name such as "authors" (letters, digits, "-" and "_")`
        : RESERVED_TAXONOMY_NAMES.includes(name)
          ? `the name "${name}" is inkstone's own (${RESERVED_TAXONOMY_NAMES.join(', ')} are)`
          : undefined;
      if (problem)
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${problem}: expected another name for this taxonomy`,
        });
    }
  })
  .default({});

/** The front matter schema: the keys inkstone reads, their accepted types, and how each is described in errors. */
import { z } from 'zod';

const text = z.union([z.string(), z.number()], { error: 'expected a string' });
const termList = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])), z.null()], {
  error: 'expected a string of space-separated names or a list of strings',
});
const dateText = z.string({ error: 'expected a date such as 2024-05-01 or "2024-05-01 14:30:00 +0200"' });
const flag = z.boolean({ error: 'expected true or false' });

/**
 * Front matter as written. Keys not listed pass through untouched to layouts.
 * Jekyll spellings (`published`, `category`, `last_modified_at`) are accepted.
 */
export const frontMatterSchema = z.looseObject({
  title: text.optional(),
  date: dateText.optional(),
  description: text.optional(),
  tags: termList.optional(),
  categories: termList.optional(),
  category: termList.optional(),
  layout: z
    .string({ error: 'expected a layout name' })
    .regex(/^[A-Za-z0-9_-]+$/, 'expected a layout name made of letters, digits, "-" and "_"')
    .optional(),
  draft: flag.optional(),
  published: flag.optional(),
  permalink: z.string({ error: 'expected a URL path such as /notes/my-post/' }).optional(),
  slug: z.string({ error: 'expected a slug' }).optional(),
  redirect_from: z
    .union([z.string(), z.array(z.string())], { error: 'expected a URL path or a list of URL paths' })
    .optional(),
  redirect: z.string({ error: 'expected an http(s) URL or a site path such as /talks/slides.pdf' }).optional(),
  redirect_to: z.string({ error: 'expected an http(s) URL or a site path such as /talks/slides.pdf' }).optional(),
  aliases: z
    .union([z.string(), z.array(z.string())], { error: 'expected a URL path or a list of URL paths' })
    .optional(),
  featured: flag.optional(),
  updated: dateText.optional(),
  last_modified_at: dateText.optional(),
  // `toc: true`, or al-folio's forms: a map (`toc: {sidebar: left}`) or a list of entries; both mean "show it".
  toc: z
    .union([z.boolean(), z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()], {
      error: 'expected true, false, or a map such as {sidebar: left}',
    })
    .optional(),
});

/** Front matter after schema validation, before normalisation. */
export type FrontMatter = z.output<typeof frontMatterSchema>;

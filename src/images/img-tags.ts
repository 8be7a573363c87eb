/**
 * The `<img>` elements of a rendered post. The HTML is ours (markdown-it's output and the sanitizer's
 * for raw HTML), whose attribute values never hold a raw `<` or `>`; only the elements a browser would
 * load as images are listed, so an `<img>` inside `<script>`, `<template>`, `<noscript>` or
 * `<textarea>` text is not.
 */
import { decodeHTMLAttribute } from 'entities';
import { escapeHtml } from '../core/html.js';

/** One `<img>` element: where its tag is, its attributes (values decoded), and whether a `<picture>` holds it. */
export interface ImgTag {
  start: number;
  end: number;
  attributes: ReadonlyMap<string, string>;
  inPicture: boolean;
}

const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Elements whose content is text or inert to a browser that runs scripts, and `<picture>`. */
const REGIONS = /<(picture|script|style|template|noscript|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** The image elements of `html`, in order. */
export function findImgTags(html: string): ImgTag[] {
  if (!html.includes('<img')) return [];
  const regions = [...html.matchAll(REGIONS)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    picture: m[1]!.toLowerCase() === 'picture',
  }));
  const tags: ImgTag[] = [];
  for (const match of html.matchAll(IMG_TAG)) {
    const region = regions.find((r) => r.start < match.index && match.index < r.end);
    if (region && !region.picture) continue;
    tags.push({
      start: match.index,
      end: match.index + match[0].length,
      attributes: parseAttributes(match[0].slice(4)),
      inPicture: region !== undefined,
    });
  }
  return tags;
}

function parseAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.replace(/\/?>$/, '').matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (out.has(name)) continue;
    out.set(name, decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** The tag `tag` (`<img …>` or `<img … />`) with `extra` attributes added before its end. */
export function withAttributes(tag: string, extra: readonly (readonly [string, string])[]): string {
  if (extra.length === 0) return tag;
  const close = tag.endsWith('/>') ? (tag.endsWith(' />') ? ' />' : '/>') : '>';
  const added = extra.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `${tag.slice(0, tag.length - close.length)}${added}${close}`;
}

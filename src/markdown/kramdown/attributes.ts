/** kramdown attribute lists (`{: .class #id key="value" ref}`), as IALs and ALDs use them. */
import type { Ial } from './tree.js';

const ID_NAME = String.raw`\w[\w-]*`;
const KEY_VALUE = String.raw`(${ID_NAME})=("|')((?:\\\}|\\\2|(?!\2)[^}])*?)\2`;
const ID_OR_CLASS = String.raw`#([A-Za-z][\w:-]*)|\.([^\s.#]+)`;
const ANY = new RegExp(String.raw`(?:^|\s)(?:${KEY_VALUE}|(${ID_NAME})|((?:${ID_OR_CLASS})+))(?=\s|$)`, 'g');
const ID_OR_CLASS_RE = new RegExp(ID_OR_CLASS, 'g');

/** Adds what `text` says to `ial`; false when it holds no attribute at all (kramdown warns then). */
export function parseAttributeList(text: string, ial: Ial): boolean {
  if (text.trim() === '' || text.trim() === ':') return true;
  let found = false;
  for (const m of text.matchAll(ANY)) {
    found = true;
    if (m[1] !== undefined) ial.attrs[m[1]] = m[3]!.replace(new RegExp(String.raw`\\(\}|${m[2]})`, 'g'), '$1');
    else if (m[4] !== undefined) ial.refs.push(m[4]);
    else if (m[5] !== undefined) {
      for (const part of m[5].matchAll(ID_OR_CLASS_RE)) {
        if (part[2] !== undefined) ial.attrs['class'] = `${ial.attrs['class'] ?? ''} ${part[2]}`.trimStart();
        else ial.attrs['id'] = part[1]!;
      }
    }
  }
  return found;
}

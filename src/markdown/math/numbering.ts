/**
 * Equation numbers and references, as MathJax's `tags: "ams"` gives them (al-folio's setting):
 * numbered AMS environments (`equation`, `align`, `gather`, `multline`, `eqnarray`, `alignat`, `flalign`)
 * get `(1)`, `(2)` … per post, one per row of the multi-row ones; starred forms, `\notag` and
 * `\nonumber` get none; `\tag{…}` sets a row's tag; `\label{x}` names it, and `\eqref{x}` / `\ref{x}`
 * anywhere in the post link to it (`#mjx-eqn:x`, MathJax's own anchor, so old links keep working).
 * Formulas get explicit `\tag`s, once for KaTeX (in the starred environment, so that KaTeX adds no
 * number of its own; anchors with `\htmlId`) and once for the MathJax fallback (the environment as
 * written, since MathJax numbers nothing by itself here and refuses `\tag` in `flalign*`; anchors with
 * `\cssId`), so both engines show the same numbers.
 */

/** `ams`: numbered environments only (MathJax's `tags: "ams"`); `all`: every display formula; `none`: only `\tag`. */
export type NumberingMode = 'ams' | 'all' | 'none';

const NUMBERED = new Set(['equation', 'align', 'gather', 'multline', 'eqnarray', 'alignat', 'flalign', 'xalignat']);
const MULTI_ROW = new Set(['align', 'gather', 'eqnarray', 'alignat', 'flalign', 'xalignat']);

/** The AMS display environments that may stand outside dollar signs (as MathJax finds them in text). */
export const DISPLAY_ENVIRONMENTS = new Set(
  [...NUMBERED, 'split', 'gathered', 'aligned', 'alignedat', 'CD'].flatMap((e) => [e, `${e}*`]),
);

/** The anchor MathJax gives a labelled equation. */
export function equationId(label: string): string {
  return `mjx-eqn:${label.replace(/\s/g, '_')}`;
}

/** A display formula after numbering: its TeX for each engine, the labels it defines. */
export interface NumberedFormula {
  katex: string;
  mathjax: string;
  labels: Array<{ label: string; tag: string }>;
  /** The tag of every numbered row, in order (automatic numbers and `\\tag{…}`): what readers hear as its name. */
  tags: string[];
}

/** The post-wide state of numbering: the counter and every label's tag. */
export interface Numbering {
  mode: NumberingMode;
  counter: number;
  labels: Map<string, string>;
}

/** A fresh numbering for one post. */
export function startNumbering(mode: NumberingMode): Numbering {
  return { mode, counter: 0, labels: new Map() };
}

const ENV = /^\s*\\begin\{([A-Za-z]+\*?)\}(\{[^}]*\})?([\s\S]*)\\end\{\1\}\s*$/;
const LABEL = /\\label\{([^}]*)\}/g;
const TAG = /\\tag\*?\{([^}]*)\}/;
const NOTAG = /\\(?:notag|nonumber)(?![A-Za-z])/g;

/** Numbers one display formula (in document order) and records its labels. */
export function numberDisplay(tex: string, numbering: Numbering): NumberedFormula {
  const found = ENV.exec(tex);
  // Only the numbered environments carry rows of their own; `aligned` and the like are one formula.
  const env = found && NUMBERED.has(found[1]!.replace(/\*$/, '')) ? found : null;
  const name = env?.[1];
  const base = name?.replace(/\*$/, '');
  const starred = name?.endsWith('*') ?? false;
  const autoNumber =
    numbering.mode === 'all' || (numbering.mode === 'ams' && base !== undefined && NUMBERED.has(base) && !starred);
  const rows = env && base && MULTI_ROW.has(base) ? splitRows(env[3]!) : [env ? env[3]! : tex];
  const labels: NumberedFormula['labels'] = [];
  const tags: string[] = [];
  const katexRows: string[] = [];
  const mathjaxRows: string[] = [];
  rows.forEach((row, index) => {
    const isEmptyLast = index === rows.length - 1 && rows.length > 1 && row.trim() === '';
    const label = [...row.matchAll(LABEL)].map((m) => m[1]!).pop();
    const explicit = TAG.exec(row)?.[1];
    const suppressed = NOTAG.test(row);
    NOTAG.lastIndex = 0;
    let clean = row.replace(LABEL, '').replace(NOTAG, '');
    let tag = explicit;
    if (tag === undefined && autoNumber && !suppressed && !isEmptyLast) {
      numbering.counter += 1;
      tag = String(numbering.counter);
      clean = `${clean} \\tag{${tag}}`;
    }
    if (tag !== undefined) tags.push(tag);
    const anchor = label !== undefined && tag !== undefined ? equationId(label) : undefined;
    if (label !== undefined && tag !== undefined) {
      labels.push({ label, tag });
      numbering.labels.set(label, tag);
    }
    katexRows.push(anchor ? `\\htmlId{${anchor}}{}${clean}` : clean);
    mathjaxRows.push(anchor ? `\\cssId{${anchor}}{}${clean}` : clean);
  });
  const join = (parts: string[]) => parts.join('\\\\');
  if (!env) return { katex: katexRows[0]!, mathjax: mathjaxRows[0]!, labels, tags };
  const wrap = (envName: string, body: string) => `\\begin{${envName}}${env[2] ?? ''}${body}\\end{${envName}}`;
  return { katex: wrap(`${base}*`, join(katexRows)), mathjax: wrap(name!, join(mathjaxRows)), labels, tags };
}

/** Splits an environment's body at its top-level `\\` (not inside braces or nested environments). */
function splitRows(body: string): string[] {
  const rows: string[] = [];
  let depth = 0;
  let envDepth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      if (body.startsWith('\\begin{', i)) envDepth += 1;
      else if (body.startsWith('\\end{', i)) envDepth -= 1;
      else if (body[i + 1] === '\\' && depth === 0 && envDepth === 0) {
        rows.push(body.slice(start, i));
        start = i + 2;
      }
      i += 1;
    } else if (ch === '{') depth += 1;
    else if (ch === '}') depth -= 1;
  }
  rows.push(body.slice(start));
  return rows;
}

const REF = /\\(eqref|ref)\{([^}]*)\}/g;

/** A reference's text: `(3)` for `\eqref`, `3` for `\ref`; `???` (as MathJax writes) when the label is unknown. */
export function referenceText(kind: 'eqref' | 'ref', tag: string | undefined): string {
  const shown = tag ?? '???';
  return kind === 'eqref' ? `(${shown})` : shown;
}

/** Replaces `\eqref`/`\ref` in a formula with links; calls `unknown` for each label with no equation. */
export function linkReferences(
  tex: string,
  labels: Map<string, string>,
  engine: 'katex' | 'mathjax',
  unknown: (label: string) => void,
): string {
  if (!tex.includes('ref{')) return tex;
  return tex.replace(REF, (_m, kind: 'eqref' | 'ref', label: string) => {
    const tag = labels.get(label);
    if (tag === undefined) unknown(label);
    const text = referenceText(kind, tag);
    const shown = engine === 'katex' ? `\\text{${text}}` : `\\text{${text}}`;
    return tag === undefined ? shown : `\\href{#${equationId(label)}}{${shown}}`;
  });
}

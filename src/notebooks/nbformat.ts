/**
 * Jupyter notebooks (nbformat 4) read into the plain record a page shows: cells with their source,
 * code cells with their outputs, and the notebook's code language. Widget state, cell metadata and
 * output kinds no page can show (JavaScript, widget views) are dropped. The same checks guard a
 * record that comes back from a post body (see marker.ts), so a hand-made one cannot break a render.
 */
import { isRecord } from '../core/objects.js';

/** A notebook as a page shows it; plain data, serialisable. */
export interface Notebook {
  /** Site-relative path of the `.ipynb` file, for messages and the page. */
  path: string;
  /** Language of the code cells, lower case (`kernelspec.language`, else `language_info.name`); '' when unknown. */
  language: string;
  cells: NotebookCell[];
}

/** One cell. Raw cells keep their format (`raw_mimetype`): only HTML and Markdown ones are shown. */
export type NotebookCell =
  | { type: 'markdown'; source: string; attachments: Record<string, { mime: string; data: string }> }
  | { type: 'code'; source: string; executionCount: number | null; outputs: NotebookOutput[] }
  | { type: 'raw'; source: string; format: string };

/** One output of a code cell. `data` holds the representations this renderer can show, by MIME type. */
export type NotebookOutput =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'error'; ename: string; evalue: string; traceback: string[] }
  | {
      type: 'data';
      result: boolean;
      executionCount: number | null;
      data: Record<string, string>;
      size: { width?: number; height?: number };
    };

/** The MIME types kept from `execute_result` and `display_data` outputs. */
export const SHOWN_MIME_TYPES = [
  'text/html',
  'text/latex',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/markdown',
  'text/plain',
] as const;

/** A notebook, or why the text is not one. */
export type NotebookParse = { ok: true; notebook: Notebook } | { ok: false; reason: string };

/** Reads the text of an `.ipynb` file found at site path `path`. */
export function parseNotebook(text: string, path: string): NotebookParse {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `${path} is not valid JSON (${(error as Error).message})` };
  }
  if (!isRecord(json)) return { ok: false, reason: `${path} is not a Jupyter notebook (expected a JSON object)` };
  if (json['nbformat'] !== 4) {
    const version = json['nbformat'] === undefined ? 'no nbformat' : `nbformat ${JSON.stringify(json['nbformat'])}`;
    return {
      ok: false,
      reason: `${path} is not a Jupyter notebook in nbformat 4 (it has ${version}); open it in Jupyter and save it again to convert it`,
    };
  }
  if (!Array.isArray(json['cells']))
    return { ok: false, reason: `${path} is not a Jupyter notebook (it has no "cells" list)` };
  const metadata = isRecord(json['metadata']) ? json['metadata'] : {};
  const kernel = isRecord(metadata['kernelspec']) ? metadata['kernelspec']['language'] : undefined;
  const info = isRecord(metadata['language_info']) ? metadata['language_info']['name'] : undefined;
  const language = typeof kernel === 'string' ? kernel : typeof info === 'string' ? info : '';
  const cells: NotebookCell[] = [];
  for (const [index, cell] of json['cells'].entries()) {
    const read = readCell(cell);
    if (read === 'invalid')
      return {
        ok: false,
        reason: `${path}: cell ${index + 1} is not a notebook cell (expected "cell_type" and "source")`,
      };
    if (read) cells.push(read);
  }
  return { ok: true, notebook: { path, language: language.trim().toLowerCase(), cells } };
}

/** The notebook record in `value` (as notebookMarker wrote it), or undefined when it is not one. */
export function asNotebook(value: unknown): Notebook | undefined {
  if (
    !isRecord(value) ||
    typeof value['path'] !== 'string' ||
    typeof value['language'] !== 'string' ||
    !Array.isArray(value['cells'])
  )
    return undefined;
  return value['cells'].every(isCell) ? (value as unknown as Notebook) : undefined;
}

/** A cell of nbformat 4, undefined for a cell type that shows nothing, 'invalid' when it is not a cell. */
function readCell(cell: unknown): NotebookCell | undefined | 'invalid' {
  if (!isRecord(cell) || typeof cell['cell_type'] !== 'string') return 'invalid';
  const source = multiline(cell['source']);
  if (source === undefined) return 'invalid';
  const metadata = isRecord(cell['metadata']) ? cell['metadata'] : {};
  switch (cell['cell_type']) {
    case 'markdown':
      return { type: 'markdown', source, attachments: readAttachments(cell['attachments']) };
    case 'code': {
      const count = cell['execution_count'];
      const outputs = Array.isArray(cell['outputs'])
        ? cell['outputs'].map(readOutput).filter((o): o is NotebookOutput => o !== undefined)
        : [];
      return { type: 'code', source, executionCount: typeof count === 'number' ? count : null, outputs };
    }
    case 'raw': {
      const format = metadata['raw_mimetype'] ?? metadata['format'];
      return { type: 'raw', source, format: typeof format === 'string' ? format.toLowerCase() : '' };
    }
    default:
      return undefined;
  }
}

function readOutput(output: unknown): NotebookOutput | undefined {
  if (!isRecord(output)) return undefined;
  switch (output['output_type']) {
    case 'stream': {
      const text = multiline(output['text']);
      return text === undefined
        ? undefined
        : { type: 'stream', name: output['name'] === 'stderr' ? 'stderr' : 'stdout', text };
    }
    case 'error': {
      const traceback = Array.isArray(output['traceback'])
        ? output['traceback'].filter((l): l is string => typeof l === 'string')
        : [];
      return {
        type: 'error',
        ename: String(output['ename'] ?? 'Error'),
        evalue: String(output['evalue'] ?? ''),
        traceback,
      };
    }
    case 'execute_result':
    case 'display_data': {
      const bundle = isRecord(output['data']) ? output['data'] : {};
      const data: Record<string, string> = {};
      for (const mime of SHOWN_MIME_TYPES) {
        // Images are base64 text, which nbformat too may split into lines.
        const value = multiline(bundle[mime]);
        if (value !== undefined) data[mime] = value;
      }
      const count = output['execution_count'];
      return {
        type: 'data',
        result: output['output_type'] === 'execute_result',
        executionCount: typeof count === 'number' ? count : null,
        data,
        size: readSize(output['metadata']),
      };
    }
    default:
      return undefined;
  }
}

/** The display size an image output asks for (`metadata["image/png"].width`), when it gives one. */
function readSize(metadata: unknown): { width?: number; height?: number } {
  if (!isRecord(metadata)) return {};
  for (const mime of ['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml']) {
    const entry = metadata[mime];
    if (!isRecord(entry)) continue;
    const size: { width?: number; height?: number } = {};
    if (isDimension(entry['width'])) size.width = Math.round(entry['width']);
    if (isDimension(entry['height'])) size.height = Math.round(entry['height']);
    return size;
  }
  return {};
}

/** Images attached to a Markdown cell (`![x](attachment:name.png)`), one representation each. */
function readAttachments(value: unknown): Record<string, { mime: string; data: string }> {
  const out: Record<string, { mime: string; data: string }> = {};
  if (!isRecord(value)) return out;
  for (const [name, bundle] of Object.entries(value)) {
    if (!isRecord(bundle)) continue;
    const mime = ['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml'].find(
      (m) => multiline(bundle[m]) !== undefined,
    );
    if (mime) out[name] = { mime, data: multiline(bundle[mime])! };
  }
  return out;
}

/** nbformat's multiline strings: a string, or a list of strings to join. */
function multiline(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return undefined;
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 100_000;
}

function isCell(cell: unknown): boolean {
  if (!isRecord(cell) || typeof cell['source'] !== 'string') return false;
  if (cell['type'] === 'markdown')
    return (
      isRecord(cell['attachments']) &&
      Object.values(cell['attachments']).every(
        (a) => isRecord(a) && typeof a['mime'] === 'string' && typeof a['data'] === 'string',
      )
    );
  if (cell['type'] === 'raw') return typeof cell['format'] === 'string';
  if (cell['type'] !== 'code' || !(cell['executionCount'] === null || typeof cell['executionCount'] === 'number'))
    return false;
  return Array.isArray(cell['outputs']) && cell['outputs'].every(isOutput);
}

function isOutput(output: unknown): boolean {
  if (!isRecord(output)) return false;
  switch (output['type']) {
    case 'stream':
      return (output['name'] === 'stdout' || output['name'] === 'stderr') && typeof output['text'] === 'string';
    case 'error':
      return (
        typeof output['ename'] === 'string' &&
        typeof output['evalue'] === 'string' &&
        Array.isArray(output['traceback']) &&
        output['traceback'].every((l) => typeof l === 'string')
      );
    case 'data':
      return (
        typeof output['result'] === 'boolean' &&
        (output['executionCount'] === null || typeof output['executionCount'] === 'number') &&
        isRecord(output['data']) &&
        Object.values(output['data']).every((v) => typeof v === 'string') &&
        isRecord(output['size']) &&
        Object.values(output['size']).every(isDimension)
      );
    default:
      return false;
  }
}

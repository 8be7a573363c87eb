/**
 * The outputs of a notebook's code cells as HTML, at build time and without scripts: streams and
 * plain text as preformatted text (terminal colour codes removed, carriage returns applied as a
 * terminal does), errors as their traceback, HTML through the same allow-list as sanitized posts,
 * images as `data:` URIs (an SVG too: as an image it runs no script). For each rich output the first
 * representation in nbconvert's order that shows something is used. Markdown and LaTeX outputs are
 * returned as Markdown for the notebook plugin to render with the post's math.
 */
import { imageSize } from 'image-size';
import { escapeHtml } from '../core/html.js';
import type { NotebookOutput } from '../notebooks/nbformat.js';
import type { Sanitizer } from './html-sanitizer.js';

/**
 * An output as HTML, or as Markdown (with the HTML around it) for the caller to render. An image has
 * a `feed` form without its data: feeds would otherwise carry every figure of the notebook inline.
 */
export type OutputView = { html: string; feed?: string } | { markdown: string; open: string; close: string };

/** Terminal escape sequences: CSI (colours, cursor), OSC (titles, links), and the two-character ones. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Text as a terminal leaves it: escape sequences and control characters removed, `\r` overwriting its line. */
export function terminalText(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => line.slice(line.lastIndexOf('\r') + 1))
    .join('\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** HTML from a notebook, through the allow-list of sanitized posts: no scripts, styles or frames. */
export function cleanHtml(html: string, { sanitizeHtml, options }: Sanitizer): string {
  return sanitizeHtml(html, options).trim();
}

/** A `text/latex` output as Markdown: as written when it has math delimiters (as Jupyter's do), else as display math. */
export function latexMarkdown(latex: string): string {
  return /\$|\\\[|\\\(|\\begin\{/.test(latex) ? latex : `$$\n${latex.trim()}\n$$`;
}

/** The views of a code cell's outputs, in order; consecutive stream outputs of one name are one block, as Jupyter shows them. */
export function renderOutputs(outputs: readonly NotebookOutput[], sanitizer: Sanitizer): OutputView[] {
  const views: OutputView[] = [];
  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i]!;
    if (output.type === 'stream') {
      let text = output.text;
      for (let next = outputs[i + 1]; next?.type === 'stream' && next.name === output.name; next = outputs[i + 1]) {
        text += next.text;
        i++;
      }
      views.push({
        html: `<div class="nb-output nb-stream nb-${output.name}"><pre>${escapeHtml(terminalText(text))}</pre></div>\n`,
      });
    } else if (output.type === 'error') {
      const traceback = terminalText(output.traceback.join('\n')).trim() || `${output.ename}: ${output.evalue}`;
      views.push({ html: `<div class="nb-output nb-error"><pre>${escapeHtml(traceback)}</pre></div>\n` });
    } else {
      const view = dataView(output, sanitizer);
      if (view) views.push(view);
    }
  }
  return views;
}

function dataView(output: Extract<NotebookOutput, { type: 'data' }>, sanitizer: Sanitizer): OutputView | undefined {
  const prompt =
    output.result && output.executionCount !== null
      ? `<div class="nb-prompt">Out [${output.executionCount}]:</div>`
      : '';
  const wrap = (kind: string) => ({ open: `<div class="nb-output nb-${kind}">${prompt}`, close: '</div>\n' });
  const data = output.data;
  const plain = data['text/plain'] === undefined ? undefined : terminalText(data['text/plain']);
  if (data['text/html'] !== undefined) {
    const html = cleanHtml(data['text/html'], sanitizer);
    // Script-drawn outputs (Plotly, Bokeh, widgets) leave nothing once their scripts are gone: show the next representation.
    if (/<(img|svg|table|video|audio)\b/i.test(html) || html.replace(/<[^>]*>/g, '').trim() !== '') {
      const { open, close } = wrap('html');
      return { html: `${open}${html}${close}` };
    }
  }
  if (data['text/latex'] !== undefined) return { markdown: latexMarkdown(data['text/latex']), ...wrap('math') };
  const alt = plain && plain.length <= 200 ? plain.trim() : 'Output of a code cell';
  if (data['image/svg+xml'] !== undefined) {
    const image = imageTag(
      'image/svg+xml',
      Buffer.from(data['image/svg+xml'], 'utf8').toString('base64'),
      alt,
      output.size,
    );
    const { open, close } = wrap('image');
    return { html: `${open}${image}${close}`, feed: `${open}${imageOmitted(alt)}${close}` };
  }
  for (const mime of ['image/png', 'image/jpeg', 'image/gif']) {
    const base64 = data[mime]?.replace(/\s+/g, '');
    if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const { open, close } = wrap('image');
    return {
      html: `${open}${imageTag(mime, base64, alt, output.size)}${close}`,
      feed: `${open}${imageOmitted(alt)}${close}`,
    };
  }
  if (data['text/markdown'] !== undefined) return { markdown: data['text/markdown'], ...wrap('markdown') };
  if (plain !== undefined) {
    const { open, close } = wrap('text');
    return { html: `${open}<pre>${escapeHtml(plain)}</pre>${close}` };
  }
  return undefined;
}

/** An `<img>` of `base64` data, with the size the output asks for, else the image's own (so the page does not jump). */
function imageTag(mime: string, base64: string, alt: string, size: { width?: number; height?: number }): string {
  let { width, height } = size;
  if (width === undefined || height === undefined) {
    const own = intrinsicSize(base64);
    if (own && width === undefined && height === undefined) ({ width, height } = own);
    else if (own && width !== undefined) height = Math.round((width * own.height) / own.width);
    else if (own && height !== undefined) width = Math.round((height * own.width) / own.height);
  }
  const dimensions = width !== undefined && height !== undefined ? ` width="${width}" height="${height}"` : '';
  return `<img src="data:${mime};base64,${base64}" alt="${escapeHtml(alt)}"${dimensions}>`;
}

/** What a feed shows for an image output. */
function imageOmitted(alt: string): string {
  return `<p><em>[Image: ${escapeHtml(alt)}; see the post on the site]</em></p>`;
}

function intrinsicSize(base64: string): { width: number; height: number } | undefined {
  try {
    const size = imageSize(Buffer.from(base64, 'base64'));
    return size.width && size.height ? { width: size.width, height: size.height } : undefined;
  } catch {
    return undefined;
  }
}

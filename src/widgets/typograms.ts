/**
 * Typograms (```` ```typograms ````, ASCII diagrams as al-folio draws them with Google's typograms
 * script, which has no package to run outside a page): our own renderer of the same conventions,
 * in Node. Each character is a cell of a grid. Lines are `-` `=` `_` `|` `:` `/` `\`; `+` `*` `o`
 * join the lines that reach them (`*` as a dot, `o` as a ring); `.` and `'` round a corner where a
 * vertical line meets a horizontal one; `>` `<` `^` `v` are arrowheads at the end of a line; text
 * in double quotes, and any character that is not part of a drawing, is text. One drawing in the
 * page's text colour serves both colour schemes.
 */
import { escapeHtml } from '../core/html.js';
import type { WidgetRenderer } from './renderer.js';
import { finishSvg } from './svg.js';

/** Cell size, in SVG units (a monospace character is about half as wide as it is tall). */
const W = 10;
const H = 20;

type Direction = 'N' | 'S' | 'E' | 'W' | 'NE' | 'NW' | 'SE' | 'SW';
const STEP: Record<Direction, [number, number]> = {
  N: [0, -1],
  S: [0, 1],
  E: [1, 0],
  W: [-1, 0],
  NE: [1, -1],
  NW: [-1, -1],
  SE: [1, 1],
  SW: [-1, 1],
};
const OPPOSITE: Record<Direction, Direction> = {
  N: 'S',
  S: 'N',
  E: 'W',
  W: 'E',
  NE: 'SW',
  SW: 'NE',
  NW: 'SE',
  SE: 'NW',
};
const ALL = Object.keys(STEP) as Direction[];

/** The directions a character can join a line in, when it is part of a drawing. */
const PORTS: Record<string, readonly Direction[]> = {
  '-': ['E', 'W'],
  '=': ['E', 'W'],
  '|': ['N', 'S'],
  ':': ['N', 'S'],
  '/': ['NE', 'SW'],
  '\\': ['NW', 'SE'],
  '+': ALL,
  '*': ALL,
  o: ALL,
  '.': ['E', 'W', 'S', 'SE', 'SW'],
  "'": ['E', 'W', 'N', 'NE', 'NW'],
  '>': ['W'],
  '<': ['E'],
  '^': ['S'],
  v: ['N'],
};

/** The renderer (no library to import). */
export async function loadTypograms(): Promise<WidgetRenderer> {
  return async ({ id, source }) => {
    const svg = drawTypogram(source);
    return { light: finishSvg(svg, { id, scheme: 'both', label: 'diagram' }), dark: '' };
  };
}

/** The SVG of the typogram `source`. */
export function drawTypogram(source: string): string {
  const rows = source
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => [...line.replace(/\t/g, '    ')]);
  const quoted = rows.map(quotedCells);
  const at = (x: number, y: number): string => (quoted[y]?.has(x) ? ' ' : (rows[y]?.[x] ?? ' '));
  const isText = (c: string) => /[\p{L}\p{N}]/u.test(c);
  const joins = (x: number, y: number, d: Direction): boolean => {
    const [dx, dy] = STEP[d];
    const other = at(x + dx, y + dy);
    return (
      (PORTS[at(x, y)]?.includes(d) ?? false) &&
      (PORTS[other]?.includes(OPPOSITE[d]) ?? false) &&
      graphic(x + dx, y + dy)
    );
  };
  // Whether a cell is drawing rather than text: lines always, except a hyphen or slash inside a word;
  // joints, corners and arrowheads only where a line meets them.
  const graphic = (x: number, y: number): boolean => {
    const c = at(x, y);
    if (c === '-' || c === '/' || c === '=') return !(isText(at(x - 1, y)) && isText(at(x + 1, y)));
    if (c === '|' || c === ':' || c === '\\' || c === '_' || c === '+' || c === '*') return true;
    if (!(c in PORTS)) return false;
    // A letter o or v inside a word ("proxy", "over") is text.
    if ((c === 'o' || c === 'v') && (isText(at(x - 1, y)) || isText(at(x + 1, y)))) return false;
    return (PORTS[c] ?? []).some((d) => {
      const [dx, dy] = STEP[d];
      const other = at(x + dx, y + dy);
      return other !== c && (PORTS[other]?.includes(OPPOSITE[d]) ?? false) && !['.', "'", 'o', 'v'].includes(other);
    });
  };

  const paths: string[] = [];
  const shapes: string[] = [];
  const texts: string[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number) => paths.push(`M${x1} ${y1}L${x2} ${y2}`);
  const height = rows.length;
  const width = Math.max(1, ...rows.map((r) => r.length));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = rows[y]?.[x] ?? ' ';
      const cx = x * W + W / 2;
      const cy = y * H + H / 2;
      if (quoted[y]?.has(x)) {
        if (c !== '"') texts.push(text(c, cx, cy));
        continue;
      }
      if (c === ' ') continue;
      if (!graphic(x, y)) {
        texts.push(text(c, cx, cy));
        continue;
      }
      const half = (d: Direction) => {
        const [dx, dy] = STEP[d];
        line(cx, cy, cx + (dx * W) / 2, cy + (dy * H) / 2);
      };
      switch (c) {
        case '-':
          line(x * W, cy, (x + 1) * W, cy);
          break;
        case '=':
          line(x * W, cy - 2, (x + 1) * W, cy - 2);
          line(x * W, cy + 2, (x + 1) * W, cy + 2);
          break;
        case '_':
          line(x * W, (y + 1) * H, (x + 1) * W, (y + 1) * H);
          break;
        case '|':
          line(cx, y * H, cx, (y + 1) * H);
          break;
        case ':':
          shapes.push(`<path d="M${cx} ${y * H}L${cx} ${(y + 1) * H}" stroke-dasharray="3 3"/>`);
          break;
        case '/':
          line(x * W, (y + 1) * H, (x + 1) * W, y * H);
          break;
        case '\\':
          line(x * W, y * H, (x + 1) * W, (y + 1) * H);
          break;
        case '.':
        case "'": {
          const vertical: Direction = c === '.' ? 'S' : 'N';
          const dy = c === '.' ? H / 2 : -H / 2;
          const sides = (['E', 'W'] as const).filter((d) => joins(x, y, d));
          if (joins(x, y, vertical) && sides.length > 0) {
            for (const side of sides) {
              const ex = cx + (side === 'E' ? W / 2 : -W / 2);
              paths.push(`M${ex} ${cy}Q${cx} ${cy} ${cx} ${cy + dy}`);
            }
          } else {
            for (const d of ALL) if (joins(x, y, d)) half(d);
          }
          break;
        }
        case '>':
        case '<':
        case '^':
        case 'v': {
          const point = { '>': [1, 0], '<': [-1, 0], '^': [0, -1], v: [0, 1] }[c] as [number, number];
          const [px, py] = point;
          const tipX = cx + (px * W) / 2;
          const tipY = cy + (py * H) / 2;
          // The line reaches the arrowhead's base, whose tip touches the cell's edge.
          half(OPPOSITE[c === '>' ? 'E' : c === '<' ? 'W' : c === '^' ? 'N' : 'S']);
          const baseX = tipX - px * 8;
          const baseY = tipY - py * 8;
          shapes.push(
            `<path d="M${tipX} ${tipY}L${baseX - py * 4} ${baseY - px * 4}L${baseX + py * 4} ${baseY + px * 4}Z" fill="currentColor" stroke="none"/>`,
          );
          break;
        }
        default: {
          // + * o: the halves that a neighbour's line reaches; * a dot, o a ring.
          for (const d of ALL) if (joins(x, y, d)) half(d);
          if (c === '*') shapes.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="currentColor" stroke="none"/>`);
          if (c === 'o') shapes.push(`<circle cx="${cx}" cy="${cy}" r="4" style="fill: var(--bg, Canvas)"/>`);
        }
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * W}" height="${height * H}" viewBox="0 0 ${width * W} ${height * H}">` +
    `<g fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round">` +
    (paths.length > 0 ? `<path d="${paths.join('')}"/>` : '') +
    shapes.join('') +
    `</g><g fill="currentColor" font-family="ui-monospace, Menlo, Consolas, 'Liberation Mono', monospace" font-size="15" text-anchor="middle" dominant-baseline="central">${texts.join('')}</g></svg>`
  );
}

function text(c: string, x: number, y: number): string {
  return `<text x="${x}" y="${y}">${escapeHtml(c)}</text>`;
}

/** The columns of a row that are inside double quotes (quotes included): always text. */
function quotedCells(row: readonly string[]): Set<number> {
  const cells = new Set<number>();
  let open = -1;
  row.forEach((c, i) => {
    if (c !== '"') return;
    if (open === -1) open = i;
    else {
      for (let k = open; k <= i; k++) cells.add(k);
      open = -1;
    }
  });
  return cells;
}

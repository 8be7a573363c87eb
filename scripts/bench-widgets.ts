/**
 * Widget throughput, per kind: a site with one post of N distinct widgets of that kind, built cold
 * (empty cache) and cached, and a one-widget site to separate the start-up (importing the library,
 * starting the browser or TeX's worker) from the cost of each widget. On the RAM disk /dev/shm when
 * there is one, so that the disk does not hide our own cost.
 *   npm run bench:widgets -- [N] [kind…]
 * Each measurement runs in a child process of its own, so that every start-up is cold.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../src/build.js';

const [countArg, ...only] = process.argv.slice(2);
const count = Number(countArg ?? 20);

/** A distinct widget of each kind for index `i`. */
const SOURCES: Record<string, (i: number) => string> = {
  chartjs: (i) =>
    JSON.stringify({
      type: i % 2 ? 'line' : 'bar',
      data: { labels: ['a', 'b', 'c', 'd'], datasets: [{ label: `run ${i}`, data: [i, i + 3, 2 * i, 7] }] },
    }),
  echarts: (i) =>
    JSON.stringify({
      title: { text: `Run ${i}` },
      xAxis: { type: 'category', data: ['a', 'b', 'c', 'd'] },
      yAxis: { type: 'value' },
      series: [{ type: i % 2 ? 'line' : 'bar', data: [i, i + 3, 2 * i, 7] }],
    }),
  vega_lite: (i) =>
    JSON.stringify({
      data: { values: ['a', 'b', 'c', 'd'].map((x, k) => ({ x, y: i + k * 3 })) },
      mark: i % 2 ? 'line' : 'bar',
      encoding: { x: { field: 'x', type: 'nominal' }, y: { field: 'y', type: 'quantitative' } },
    }),
  plotly: (i) => JSON.stringify({ data: [{ x: [1, 2, 3, 4], y: [i, i + 3, 2 * i, 7], type: 'scatter' }] }),
  geojson: (i) =>
    JSON.stringify({
      type: 'Feature',
      properties: { name: `area ${i}` },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [i, 0],
            [i + 1, 0],
            [i + 1, 1],
            [i, 1],
            [i, 0],
          ],
        ],
      },
    }),
  diff2html: (i) => `--- a/f${i}.txt\n+++ b/f${i}.txt\n@@ -1,3 +1,3 @@\n one\n-two ${i}\n+two ${i + 1}\n three`,
  pseudocode: (i) =>
    `\\begin{algorithm}\n\\caption{Step ${i}}\n\\begin{algorithmic}\n\\FOR{$k = 1$ \\TO $${i}$}\n\\STATE $x_k \\gets x_{k-1} + ${i}$\n\\ENDFOR\n\\end{algorithmic}\n\\end{algorithm}`,
  tikz: (i) =>
    `\\begin{tikzpicture}\n\\draw (0,0) circle (${1 + i / 10});\n\\node at (0,0) {${i}};\n\\end{tikzpicture}`,
};

const root = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

async function siteWith(kind: string, n: number): Promise<string> {
  const dir = await mkdtemp(path.join(root, `inkstone-bench-${kind}-`));
  await mkdir(path.join(dir, 'posts'));
  const body = Array.from({ length: n }, (_, i) => `\`\`\`${kind}\n${SOURCES[kind]!(i)}\n\`\`\`\n`).join('\n');
  await writeFile(path.join(dir, 'posts', '2024-01-01-widgets.md'), `---\ntitle: ${n} widgets\n---\n\n${body}`);
  return dir;
}

async function stage(dir: string): Promise<{ ms: number; launched: boolean; rendered: number }> {
  const result = await build({ siteDir: dir, write: false });
  const failed = result.diagnostics.filter((d) => d.code === 'widget' || d.code === 'diagram-timeout');
  if (!result.ok || failed.length > 0) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const ms = result.timings.find((t) => t.stage === 'diagrams')?.ms ?? 0;
  return { ms, launched: result.diagrams.browserLaunched, rendered: result.diagrams.rendered };
}

/** One child process: a cold build of `n` widgets of `kind` and a cached one, so each start-up is measured afresh. */
async function child(kind: string, n: number): Promise<void> {
  const dir = await siteWith(kind, n);
  try {
    const cold = await stage(dir);
    const cached = await stage(dir);
    console.log(JSON.stringify({ cold: cold.ms, cached: cached.ms, launched: cached.launched }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Run = { cold: number; cached: number; launched: boolean };
function run(kind: string, n: number): Run {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', kind, String(n)],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

if (countArg === 'child') {
  await child(only[0]!, Number(only[1]));
} else {
  const rows: string[] = [
    `| kind | start-up (1 widget, cold) | per widget after start-up, cold | ${count} widgets, cold | ${count} widgets, cached | cached per widget | browser when cached |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const kind of Object.keys(SOURCES).filter((k) => only.length === 0 || only.includes(k))) {
    const one = run(kind, 1);
    const many = run(kind, count);
    const per = (many.cold - one.cold) / (count - 1);
    rows.push(
      `| ${kind} | ${one.cold.toFixed(0)} ms | ${per.toFixed(1)} ms | ${many.cold.toFixed(0)} ms | ${many.cached.toFixed(0)} ms | ${(many.cached / count).toFixed(2)} ms | ${many.launched ? 'yes' : 'no'} |`,
    );
    console.error(rows.at(-1));
  }
  console.log(rows.join('\n'));
}

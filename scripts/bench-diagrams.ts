/**
 * Diagram throughput: builds a site with one post of N distinct diagrams (flowcharts, sequence,
 * class, state and gantt diagrams in turn), cold (empty cache) and cached, and a one-diagram site
 * to separate the browser's start-up from the per-diagram cost.
 *   npm run bench:diagrams -- [N]
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.js';

const count = Number(process.argv[2] ?? 100);

function diagram(i: number): string {
  switch (i % 5) {
    case 0:
      return `flowchart LR\n  A${i}[Request ${i}] --> B{Cache hit?}\n  B -->|yes| C[Serve]\n  B -->|no| D[Render ${i}] --> C`;
    case 1:
      return `sequenceDiagram\n  Client->>Server: GET /item/${i}\n  Server->>Store: read ${i}\n  Store-->>Server: row\n  Server-->>Client: 200`;
    case 2:
      return `classDiagram\n  class Node${i} {\n    +id: int\n    +children: list\n  }\n  Node${i} <|-- Leaf${i}`;
    case 3:
      return `stateDiagram-v2\n  [*] --> Idle${i}\n  Idle${i} --> Busy: job\n  Busy --> Idle${i}: done`;
    default:
      return `gantt\n  dateFormat YYYY-MM-DD\n  section Release ${i}\n  Design :a1, 2024-01-01, 3d\n  Build :after a1, 5d`;
  }
}

async function siteWith(n: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'inkstone-bench-diagrams-'));
  await mkdir(path.join(dir, 'posts'));
  const body = Array.from({ length: n }, (_, i) => `Diagram ${i}:\n\n\`\`\`mermaid\n${diagram(i)}\n\`\`\`\n`).join(
    '\n',
  );
  await writeFile(path.join(dir, 'posts', '2024-01-01-diagrams.md'), `---\ntitle: ${n} diagrams\n---\n\n${body}`);
  return dir;
}

async function diagramStage(dir: string): Promise<{ ms: number; launched: boolean; rendered: number }> {
  const result = await build({ siteDir: dir, write: false });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  const ms = result.timings.find((t) => t.stage === 'diagrams')?.ms ?? 0;
  return { ms, launched: result.diagrams.browserLaunched, rendered: result.diagrams.rendered };
}

const one = await siteWith(1);
const many = await siteWith(count);
try {
  const startup = await diagramStage(one);
  const cold = await diagramStage(many);
  const cached = await diagramStage(many);
  const perDiagram = (cold.ms - startup.ms) / (count - 1);
  const rows = [
    ['1 diagram, cold (browser start + bundle load)', startup.ms],
    [`${count} diagrams, cold`, cold.ms],
    [`${count} diagrams, cached`, cached.ms],
  ] as const;
  for (const [label, ms] of rows) console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms`);
  console.log(`${'per diagram after start-up (light + dark)'.padEnd(48)} ${perDiagram.toFixed(1).padStart(7)} ms`);
  console.log(`cached build launched a browser: ${cached.launched ? 'yes' : 'no'}`);
} finally {
  await rm(one, { recursive: true, force: true });
  await rm(many, { recursive: true, force: true });
}

/**
 * A deterministic corpus of blog posts for benchmarks: `plain` posts of prose, or `tech` posts of
 * about 1,200 words with 1–3 tags and a category, three code blocks in varied languages, inline and
 * display math, and a mermaid diagram in every tenth post. The same seed gives the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Which kind of post to generate. */
export type Variant = 'plain' | 'tech';

/** A small seeded PRNG (mulberry32), so corpora are identical across runs and machines. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'cache latency throughput allocator page table kernel scheduler lock queue buffer vector matrix gradient tensor ' +
  'compiler parser token grammar lexer register branch predictor pipeline memory bandwidth socket packet stream ' +
  'index tree node hash bucket shard replica leader follower log entry commit snapshot checkpoint benchmark profile ' +
  'the a of to in and that is for on with as it by this we can from when which our each'
).split(' ');
const TAGS = [
  'rust',
  'python',
  'go',
  'linux',
  'databases',
  'performance',
  'numerics',
  'compilers',
  'networking',
  'ml',
  'distributed-systems',
  'c',
];
const CATEGORIES = ['notes', 'tutorials', 'deep-dives', 'reviews'];

const CODE: Array<[string, string]> = [
  [
    'rust',
    'fn checksum(data: &[u8]) -> u32 {\n    let mut sum: u32 = 0;\n    for (i, b) in data.iter().enumerate() {\n        sum = sum.wrapping_add((*b as u32) << (i % 24));\n    }\n    sum\n}\n\nfn main() {\n    let v: Vec<u8> = (0..=255).collect();\n    println!("{}", checksum(&v));\n}',
  ],
  [
    'python',
    'import numpy as np\n\ndef softmax(x: np.ndarray) -> np.ndarray:\n    z = x - x.max(axis=-1, keepdims=True)\n    e = np.exp(z)\n    return e / e.sum(axis=-1, keepdims=True)\n\nif __name__ == "__main__":\n    print(softmax(np.array([1.0, 2.0, 3.0])))',
  ],
  [
    'go',
    'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tresults := make([]int, 8)\n\tfor i := range results {\n\t\twg.Add(1)\n\t\tgo func(i int) { defer wg.Done(); results[i] = i * i }(i)\n\t}\n\twg.Wait()\n\tfmt.Println(results)\n}',
  ],
  [
    'typescript',
    'interface Entry<K, V> { key: K; value: V; expires: number }\n\nexport class TtlCache<K, V> {\n  private entries = new Map<K, Entry<K, V>>();\n  get(key: K, now = Date.now()): V | undefined {\n    const e = this.entries.get(key);\n    if (!e || e.expires < now) return undefined;\n    return e.value;\n  }\n}',
  ],
  [
    'bash',
    '#!/usr/bin/env bash\nset -euo pipefail\nfor f in data/*.csv; do\n  wc -l "$f" | awk \'{ total += $1 } END { print total }\'\ndone',
  ],
  [
    'sql',
    "SELECT user_id,\n       SUM(amount) OVER (PARTITION BY user_id ORDER BY day\n                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running\nFROM payments\nWHERE day >= DATE '2024-01-01';",
  ],
  [
    'c',
    '#include <stdatomic.h>\n#include <stddef.h>\n\nstatic atomic_size_t head, tail;\n\nint push(int *ring, size_t cap, int v) {\n    size_t t = atomic_load_explicit(&tail, memory_order_relaxed);\n    if (t - atomic_load_explicit(&head, memory_order_acquire) == cap) return -1;\n    ring[t % cap] = v;\n    atomic_store_explicit(&tail, t + 1, memory_order_release);\n    return 0;\n}',
  ],
  [
    'yaml',
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n    ports: ["5432:5432"]',
  ],
];

const INLINE_MATH = [
  '$O(n \\log n)$',
  '$\\alpha_t = \\alpha_0 / \\sqrt{t}$',
  '$x_{i+1} = x_i - \\eta \\nabla f(x_i)$',
  '$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$',
  '$p(x \\mid \\theta)$',
];
const DISPLAY_MATH = [
  '$$\n\\mathrm{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}\n$$',
  '$$\n\\mathbb{E}[X] = \\int_{-\\infty}^{\\infty} x \\, f(x) \\, dx\n$$',
  '$$\n\\begin{aligned}\nm_t &= \\beta_1 m_{t-1} + (1-\\beta_1) g_t \\\\\nv_t &= \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2\n\\end{aligned}\n$$',
];

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rand: () => number, sentences: number, math: boolean): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    let s = sentence(rand, 8 + Math.floor(rand() * 10));
    if (math && rand() < 0.25)
      s = s.replace(/\.$/, ` where ${INLINE_MATH[Math.floor(rand() * INLINE_MATH.length)]} holds.`);
    if (rand() < 0.1) s = s.replace(/^(\w+)/, '**$1**');
    parts.push(s);
  }
  return parts.join(' ');
}

/** The text of post number `index`. */
export function generatePost(index: number, variant: Variant, seed = 1): { name: string; text: string } {
  const rand = random(seed * 100_003 + index);
  const day = new Date(Date.UTC(2015, 0, 1) + index * 36 * 3_600_000);
  const date = day.toISOString().slice(0, 10);
  const tagCount = 1 + Math.floor(rand() * 3);
  const tags = [...new Set(Array.from({ length: tagCount }, () => TAGS[Math.floor(rand() * TAGS.length)]!))];
  const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
  const title = `${sentence(rand, 4).replace(/\.$/, '')} ${index}`;
  const tech = variant === 'tech';
  const blocks: string[] = [];
  // About 1,200 words: 12 paragraphs of ~6 sentences of ~13 words, and headings.
  for (let section = 0; section < 4; section++) {
    blocks.push(`## ${sentence(rand, 3).replace(/\.$/, '')}`);
    for (let p = 0; p < 3; p++) blocks.push(paragraph(rand, 6, tech));
    if (tech && section < 3) {
      const [lang, code] = CODE[(index + section * 3) % CODE.length]!;
      // Real posts do not repeat each other's code: make every block unique to its post.
      const unique = code.replace(
        /\b(checksum|softmax|results|TtlCache|total|running|push|db)\b/g,
        `$1_${index}_${section}`,
      );
      blocks.push(`\`\`\`${lang}\n${unique}\n\`\`\``);
    }
    if (tech && section === 1) blocks.push(DISPLAY_MATH[index % DISPLAY_MATH.length]!);
  }
  if (tech && index % 10 === 0)
    blocks.push(
      `\`\`\`mermaid\nflowchart LR\n  A[Request ${index}] --> B{Cached?}\n  B -->|yes| C[Serve]\n  B -->|no| D[Render] --> C\n\`\`\``,
    );
  const text = `---\ntitle: "${title}"\ndate: ${date}\ntags: [${tags.join(', ')}]\ncategories: [${category}]\ndescription: ${sentence(rand, 12)}\n---\n\n${blocks.join('\n\n')}\n`;
  return { name: `${date}-post-${index}.md`, text };
}

/** Writes `count` posts into `<dir>/posts/` and a configuration file; `profile` is the posts' Markdown dialect. */
export async function writeCorpus(
  dir: string,
  count: number,
  variant: Variant,
  profile: 'native' | 'kramdown' = 'native',
): Promise<void> {
  await mkdir(path.join(dir, 'posts'), { recursive: true });
  // No social cards: the peers and the naive loop draw none, and a card costs more than rendering a
  // post (see README, Social cards); what they cost is measured on their own.
  await writeFile(
    path.join(dir, 'inkstone.yml'),
    `title: Benchmark\nurl: https://bench.example/\nmarkdown: ${profile}\nsocial_cards: false\n`,
  );
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, k) => {
        const post = generatePost(i + k, variant);
        return writeFile(path.join(dir, 'posts', post.name), post.text);
      }),
    );
  }
}

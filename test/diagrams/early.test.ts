import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { findBrowser } from '../../src/diagrams/browser.js';
import { startEarlyDrawing } from '../../src/diagrams/early.js';
import { diagramKey, renderId } from '../../src/diagrams/key.js';
import { renderInBrowser } from '../../src/diagrams/render-in-browser.js';
import { MAX_DIAGRAM_CHARACTERS } from '../../src/diagrams/limits.js';
import type { DiagramRef, RenderedPost } from '../../src/types.js';
import { hasChromium } from '../helpers/browser.js';
import { renderedPostRecord } from '../helpers/records.js';
import { removeDir, tempDir } from '../helpers/site.js';

const THEMES = { light: 'default', dark: 'dark' };
const FLOW = 'flowchart TD\n  A[Start] --> B{Ready?}\n  B -->|yes| C[Go]';
const SEQUENCE = 'sequenceDiagram\n  Alice->>John: Hello\n  John-->>Alice: Hi';
const BROKEN = 'flowchart TD\n  A --> B\n  B -->> ]';

const mermaid = (source: string, line = 3): DiagramRef => ({ kind: 'mermaid', source, line });
const postWith = (slug: string, diagrams: DiagramRef[]): RenderedPost => ({
  ...renderedPostRecord({ slug, date: '2024-01-01' }),
  diagrams,
});
const keyOf = diagramKey(THEMES);

const run = hasChromium() || process.env.CI ? describe : describe.skip;

run('diagrams drawn while the posts render', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('early-drawing');
  });
  afterAll(() => removeDir(dir));

  const options = (siteDir: string, settings: Record<string, unknown> = {}) => ({
    config: siteConfigSchema.parse({ cache_dir: '.cache', ...settings }),
    siteDir,
    themes: THEMES,
  });

  it('draws each missing diagram once, light and dark, as the stage would in one browser', async () => {
    const siteDir = path.join(dir, 'plain');
    const early = startEarlyDrawing(options(siteDir));
    early.offer(postWith('a', [mermaid(FLOW), mermaid(BROKEN, 9)]));
    early.offer(postWith('b', [mermaid(FLOW), mermaid(SEQUENCE)]));
    early.offer(postWith('c', []));
    const steps: Array<[number, number]> = [];
    const drawn = await early.finish((done, total) => steps.push([done, total]));

    expect(drawn.launched).toBe(true);
    expect([...drawn.outcomes.keys()].sort()).toEqual([FLOW, BROKEN, SEQUENCE].map((s) => keyOf(mermaid(s))).sort());
    expect(steps.at(-1)).toEqual([3, 3]);
    const flow = drawn.outcomes.get(keyOf(mermaid(FLOW)));
    const id = renderId('mermaid', keyOf(mermaid(FLOW)));
    expect(flow).toMatchObject({ ok: true });
    if (!flow?.ok) throw new Error('the flowchart was not drawn');
    expect(flow.light).toMatch(new RegExp(`^<svg id="${id}"`));
    expect(flow.dark).toMatch(new RegExp(`^<svg id="${id}-dark"`));
    // A syntax error is mermaid's message with its line, made once (not drawn again in dark).
    expect(drawn.outcomes.get(keyOf(mermaid(BROKEN)))).toEqual({
      ok: false,
      message: expect.stringMatching(/^Parse error on line 3:/),
      line: 3,
    });

    // The same drawings, byte for byte, as the diagrams stage's own browser run makes.
    const executable = await findBrowser(undefined);
    const misses = [FLOW, BROKEN, SEQUENCE].map((source) => {
      const key = keyOf(mermaid(source));
      return { key, id: renderId('mermaid', key), source };
    });
    const direct = await renderInBrowser(executable!, misses, [], { themes: THEMES, timeoutMs: 10_000 });
    expect(new Map([...drawn.outcomes].sort())).toEqual(new Map([...direct].sort()));
  });

  it('draws sixteen diagrams and more (two pages at once) each exactly as alone', async () => {
    const sources = Array.from({ length: 17 }, (_, i) => `flowchart LR\n  A${i}[Step ${i}] --> B${i}[Next]`);
    const early = startEarlyDrawing(options(path.join(dir, 'many')));
    for (const [i, source] of sources.entries()) early.offer(postWith(`p${i}`, [mermaid(source)]));
    const drawn = await early.finish();
    expect(drawn.outcomes.size).toBe(17);
    const executable = await findBrowser(undefined);
    const sample = [sources[0]!, sources[16]!].map((source) => {
      const key = keyOf(mermaid(source));
      return { key, id: renderId('mermaid', key), source };
    });
    const direct = await renderInBrowser(executable!, sample, [], { themes: THEMES, timeoutMs: 10_000 });
    for (const [key, outcome] of direct) expect(drawn.outcomes.get(key)).toEqual(outcome);
  });

  it('starts no browser for diagrams in the cache, in client mode, too large, or without a browser', async () => {
    const siteDir = path.join(dir, 'cached');
    const cacheDir = path.join(siteDir, '.cache', 'diagrams');
    await mkdir(cacheDir, { recursive: true });
    const entry = { ok: true, light: '<svg id="x"></svg>', dark: '<svg id="x-dark"></svg>' };
    await writeFile(path.join(cacheDir, `${keyOf(mermaid(FLOW))}.json`), JSON.stringify(entry));
    const cached = startEarlyDrawing(options(siteDir));
    const tooLarge = `flowchart TD\n  A --> B\n${'  %% filler\n'.repeat(MAX_DIAGRAM_CHARACTERS / 10)}`;
    cached.offer(postWith('a', [mermaid(FLOW), mermaid(tooLarge)]));
    expect(await cached.finish()).toEqual({ outcomes: new Map(), launched: false });

    const client = startEarlyDrawing(options(path.join(dir, 'client'), { diagrams: { mode: 'client' } }));
    client.offer(postWith('a', [mermaid(SEQUENCE)]));
    expect(await client.finish()).toEqual({ outcomes: new Map(), launched: false });

    const none = startEarlyDrawing({ ...options(path.join(dir, 'none')), findBrowser: async () => undefined });
    none.offer(postWith('a', [mermaid(SEQUENCE)]));
    expect(await none.finish()).toEqual({ outcomes: new Map(), launched: false });
    // Nothing was written: the stage draws (or reports) these diagrams itself.
    expect(await readdir(cacheDir)).toEqual([`${keyOf(mermaid(FLOW))}.json`]);
  });

  it('draws nothing with a browser that fails to start, and keeps its error for the stage', async () => {
    const missing = path.join(dir, 'no-such-browser');
    const early = startEarlyDrawing({ ...options(path.join(dir, 'broken-browser')), findBrowser: async () => missing });
    early.offer(postWith('a', [mermaid(FLOW)]));
    const drawn = await early.finish();
    expect(drawn.outcomes).toEqual(new Map());
    expect(drawn.launched).toBe(false);
    expect(drawn.failure).toBeInstanceOf(Error);
    expect((drawn.failure as Error).message).toMatch(
      new RegExp(`^cannot start the browser ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} to render diagrams \\(`),
    );
  });

  it('stops when closed: a build that failed mid-way draws nothing more and leaves no browser', async () => {
    const early = startEarlyDrawing(options(path.join(dir, 'closed')));
    for (let i = 0; i < 40; i++) early.offer(postWith(`p${i}`, [mermaid(`flowchart LR\n  C${i} --> D${i}`)]));
    // Closed while it draws: once its browser runs (waited for, however long the machine takes).
    while ((await browserChildren()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await early.close();
    expect(await browserChildren()).toBe(0);
    const drawn = await early.finish();
    expect(drawn.outcomes.size).toBeLessThan(40);
    // A closed drawing takes no more posts.
    early.offer(postWith('late', [mermaid(SEQUENCE)]));
    expect((await early.finish()).outcomes.has(keyOf(mermaid(SEQUENCE)))).toBe(false);
  });
});

/** Chromium processes started by this process (the test's worker). */
async function browserChildren(): Promise<number> {
  let count = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces, so the fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === process.pid && /chrom/i.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))))
      count++;
  }
  return count;
}

/**
 * The dev server's save-to-reload time: starts `inkstone dev` on a site, listens to its live-reload
 * stream like a page would, then edits posts one at a time and times each from the write to the
 * `update` message that names the post's page. Two series: ten different posts saved once each (every
 * save renders a post's code for the first time), and one post saved ten times (an author at work:
 * its code blocks are remembered between saves).
 */
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Save-to-reload times of one series of edits, in milliseconds. */
export interface EditSeries {
  /** Each edit's time, in order. */
  edits: number[];
  median: number;
  min: number;
  max: number;
}

/** What one run of `inkstone dev` measured. */
export interface DevMeasurement {
  /** Ten different posts, one save each. */
  firstSaves: EditSeries;
  /** One post, saved ten times. */
  sameSaves: EditSeries;
  /** Time from starting `inkstone dev` to the site being served. */
  startMs: number;
}

interface Update {
  type: string;
  pages?: string[];
}

/** Runs `inkstone dev` (the built CLI at `bin`) on `site`; edits each of `files` (relative to the site), then the last of them ten times, `pause` ms apart. */
export async function measureDevReload(
  bin: string,
  site: string,
  files: readonly string[],
  pause = 300,
): Promise<DevMeasurement> {
  const start = performance.now();
  const child = spawn(process.execPath, [bin, 'dev', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /Serving .* at (http:\/\/[^\s/]+)\//.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`inkstone dev exited with code ${code} before serving:\n${out}`)));
    });
    const startMs = performance.now() - start;
    const updates: Array<{ at: number; message: Update }> = [];
    const listeners: Array<() => void> = [];
    await new Promise<void>((resolve, reject) => {
      const request = get(`${url}/__inkstone/events`, (res) => {
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8');
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (!data) continue;
            const message = JSON.parse(data) as Update;
            updates.push({ at: performance.now(), message });
            if (message.type === 'hello') resolve();
            for (const listener of listeners) listener();
          }
        });
      });
      request.on('error', reject);
    });
    // Let the background work finish, as it would while one opens an editor: the first search index
    // (Pagefind over every post, seconds on thousands) and the warm-up of Shiki and the site's grammars.
    await searchIndexServed(url);
    await sleep(1000);
    const edits: number[] = [];
    for (const rel of [...files, ...Array<string>(10).fill(files[files.length - 1]!)]) {
      const slug = path.basename(rel, '.md').replace(/^\d{4}-\d{2}-\d{2}-/, '');
      const file = path.join(site, rel);
      const text = await readFile(file, 'utf8');
      const seen = updates.length;
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reload message for ${rel} within 10 s`)), 10_000);
        const check = () => {
          const hit = updates
            .slice(seen)
            .find((u) => u.message.type === 'update' && u.message.pages?.some((p) => p.includes(`/${slug}/`)));
          if (hit) {
            clearTimeout(timer);
            resolve(hit.at);
          }
        };
        listeners.push(check);
      });
      const t0 = performance.now();
      await writeFile(
        file,
        `${text}\nAn edited paragraph, saved at ${new Date(0).toISOString()} plus ${edits.length}.\n`,
      );
      edits.push((await arrived) - t0);
      listeners.length = 0;
      await sleep(pause);
    }
    return { firstSaves: series(edits.slice(0, files.length)), sameSaves: series(edits.slice(files.length)), startMs };
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
  }
}

/** Resolves once the dev server at `url` serves its first search index (or after 120 s, for a site without search). */
async function searchIndexServed(url: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    const status = await new Promise<number>((resolve) => {
      get(`${url}/pagefind/pagefind-entry.json`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    await sleep(250);
  }
}

function series(edits: number[]): EditSeries {
  const sorted = [...edits].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { edits, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

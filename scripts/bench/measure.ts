/** Runs a command and measures its wall time and the peak resident memory of its whole process tree. */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** Wall time and peak RSS of one run. */
export interface Measurement {
  ms: number;
  peakRssMb: number;
  exitCode: number;
}

/** Sums VmRSS over `pid` and its descendants, from /proc (Linux). */
async function treeRssKb(pid: number): Promise<number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = await readFile(`/proc/${entry}/status`, 'utf8');
      const ppid = /PPid:\s+(\d+)/.exec(status)?.[1];
      const vmrss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      if (ppid) parents.set(Number(entry), Number(ppid));
      if (vmrss) rss.set(Number(entry), Number(vmrss));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [child] of parents) {
    for (let p: number | undefined = child; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === pid) {
        total += rss.get(child) ?? 0;
        break;
      }
    }
  }
  return total;
}

/** Runs `command args` and samples its process tree's memory every 50 ms. */
export async function measure(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measurement> {
  const start = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  let peak = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      if (child.pid) peak = Math.max(peak, await treeRssKb(child.pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const ms = performance.now() - start;
  running = false;
  await sampler;
  return { ms, peakRssMb: peak / 1024, exitCode };
}

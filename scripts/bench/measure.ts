/**
 * Runs a command and measures its wall time and the peak resident memory of its whole process tree
 * (Linux /proc): every process whose chain of parents leads to the command, so npm's shell, a
 * worker pool or the headless Chromium that renders diagrams (and its zygote and renderers) count.
 * Two sums: RSS, which counts a page shared by several processes (Chromium's code, mapped by each of
 * its dozen processes) once per process, and PSS, which shares it out among them, so that the tree's
 * PSS is the memory the tree really holds. Also the CPU time of the tree: each process's own user and
 * system time as last seen (a process that lives less than a sample's interval is missed, and each
 * one's last 50 ms may be), summed.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Wall time and peak RSS of one run. */
export interface Measurement {
  ms: number;
  /** The process tree's peak resident memory, in MiB (see `measure`). */
  peakRssMb: number;
  /** The process tree's peak proportional set size (shared pages shared out), in MiB, sampled every 250 ms. */
  peakPssMb: number;
  /** The process tree's CPU time (user + system of every process in it), in ms, from the samples. */
  cpuMs: number;
  exitCode: number;
  /** The last 64 KiB the command wrote to stderr. */
  stderr: string;
}

/** Where and how to run the command. */
export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const PAGE_KB = 4;
/** Linux reports CPU times in /proc in clock ticks of USER_HZ, 100 a second on every architecture it runs. */
const TICK_MS = 10;
const STDERR_LIMIT = 64 * 1024;

/**
 * One look at the tree: the sum of its processes' resident memory, and with `pss` of their
 * proportional set sizes (reading smaps_rollup walks a process's page tables, so it is read every
 * fifth look only); records each one's own high-water mark in `highWater`, and its CPU ticks so far
 * in `ticks`. Synchronous: /proc reads are quick, and a round trip through libuv's thread pool per
 * file made one look take a good part of a second on a loaded machine.
 */
function sampleTree(
  root: number,
  highWater: Map<number, number>,
  ticks: Map<number, number>,
  pss: boolean,
): { rssKb: number; pssKb: number } {
  // /proc/PID/stat is one short line: the parent (field 4), user and system time (14, 15), and the
  // resident pages (field 24).
  const parents = new Map<number, number>();
  const rssKb = new Map<number, number>();
  const cpu = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return { rssKb: 0, pssKb: 0 };
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) is in parentheses and may contain spaces: split after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      rssKb.set(Number(entry), Number(fields[21]) * PAGE_KB);
      cpu.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  let totalPss = 0;
  for (const [pid] of parents) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p !== root) continue;
      total += rssKb.get(pid) ?? 0;
      ticks.set(pid, Math.max(ticks.get(pid) ?? 0, cpu.get(pid) ?? 0));
      if (pss) {
        try {
          totalPss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
        } catch {
          // It ended.
        }
      }
      // VmHWM: the process's own peak, which catches a spike between two samples.
      try {
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
        highWater.set(pid, Math.max(highWater.get(pid) ?? 0, hwm));
      } catch {
        // It ended.
      }
      break;
    }
  }
  return { rssKb: total, pssKb: totalPss };
}

/**
 * Runs `command args` and samples its process tree's memory every 50 ms. The peak is the largest
 * sampled sum of the tree's RSS, or the largest single process's own high-water mark when that is
 * higher (a short spike of the main process between samples).
 */
export async function measure(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<Measurement> {
  const start = performance.now();
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: options.env ?? process.env,
    cwd: options.cwd,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_LIMIT);
  });
  let peakKb = 0;
  let peakPssKb = 0;
  const highWater = new Map<number, number>();
  const ticks = new Map<number, number>();
  let running = true;
  const sampler = (async () => {
    for (let look = 0; running; look++) {
      if (child.pid) {
        const sample = sampleTree(child.pid, highWater, ticks, look % 5 === 0);
        peakKb = Math.max(peakKb, sample.rssKb);
        peakPssKb = Math.max(peakPssKb, sample.pssKb);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const exitCode = await new Promise<number>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
  const ms = performance.now() - start;
  running = false;
  await sampler;
  // The rest of stderr; a descendant that kept the pipe open is not waited for long.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  peakKb = Math.max(peakKb, ...highWater.values());
  let cpuTicks = 0;
  for (const n of ticks.values()) cpuTicks += n;
  return { ms, peakRssMb: peakKb / 1024, peakPssMb: peakPssKb / 1024, cpuMs: cpuTicks * TICK_MS, exitCode, stderr };
}

/**
 * The writer's folders beside the output (`.<out>.tmp-*` while a new site is written, `.<out>.old-*`
 * while the previous one is moved aside), and cleaning up those an earlier build left behind. Nothing
 * here throws: a leftover that cannot be dealt with is a warning, and the build goes on.
 */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import { describeFsError, errorCode, nodeOutputFs, type OutputFs } from './output-fs.js';
import { removeTree } from './remove-tree.js';

/** Where one write puts the new site while writing it, and the previous site while swapping. */
export interface SwapPaths {
  staging: string;
  previous: string;
}

/** The diagnostic code of every warning about a folder the writer could not remove or move back. */
export const LEFTOVER_CODE = 'output-leftover';

/** The folders of one write; `stamp` starts with the time, so that names sort oldest first. */
export function swapPaths(out: string, stamp: string): SwapPaths {
  const parent = path.dirname(out);
  const base = path.basename(out);
  return { staging: path.join(parent, `.${base}.tmp-${stamp}`), previous: path.join(parent, `.${base}.old-${stamp}`) };
}

/** A stamp unique to this write: the time in base 36 (padded, so names sort by age), then the process id. */
export function newStamp(now: number, pid: number): string {
  return `${now.toString(36).padStart(10, '0')}-${pid}`;
}

/** A warning about a folder beside the output. */
export function leftoverWarning(message: string): Diagnostic {
  return { severity: 'warning', code: LEFTOVER_CODE, message };
}

/**
 * Cleans up after earlier builds: staging folders and previous sites are removed. When the output is
 * missing because a build stopped between moving the previous site aside and moving the new one in,
 * the newest previous site is moved back first. Returns a warning for each folder that could not be
 * removed or moved back.
 */
export async function recoverInterruptedWrite(out: string, fs: OutputFs = nodeOutputFs): Promise<Diagnostic[]> {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.`;
  let names: string[];
  try {
    names = (await fs.readdir(parent))
      .filter((name) => name.startsWith(`${prefix}tmp-`) || name.startsWith(`${prefix}old-`))
      .sort();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    return [
      leftoverWarning(`cannot look for folders left by an earlier build in ${parent} (${describeFsError(error)})`),
    ];
  }
  const warnings: Diagnostic[] = [];
  const newestPrevious = names.filter((name) => name.startsWith(`${prefix}old-`)).pop();
  if (newestPrevious && (await isMissing(out, fs))) {
    const aside = path.join(parent, newestPrevious);
    try {
      await fs.rename(aside, out);
    } catch (error) {
      warnings.push(
        leftoverWarning(
          `an earlier build was interrupted after moving the previous site to ${aside}, and it cannot be moved back to ${out} (${describeFsError(error)}); it is left there for the next build`,
        ),
      );
    }
    // Moved back, or kept as the only copy of the previous site: either way not removed.
    names = names.filter((name) => name !== newestPrevious);
  }
  for (const name of names) {
    const leftover = path.join(parent, name);
    try {
      await removeTree(leftover, fs);
    } catch (error) {
      warnings.push(
        leftoverWarning(
          `${leftover} was left by an earlier build and cannot be removed (${describeFsError(error)}); the next build tries again`,
        ),
      );
    }
  }
  return warnings;
}

/** True only when `p` certainly does not exist (an unreadable path counts as present). */
export async function isMissing(p: string, fs: OutputFs): Promise<boolean> {
  try {
    await fs.lstat(p);
    return false;
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
}

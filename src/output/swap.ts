/**
 * Putting the new site in place: the previous site is renamed aside, the new one renamed in (or, if
 * that fails, the previous one renamed back), and the previous one removed. Renames within one folder
 * are atomic, so at every moment the output is the previous site, the new one, or (between the two
 * renames) missing with the previous site whole beside it, which the next build moves back.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import { leftoverWarning, type SwapPaths } from './leftovers.js';
import { describeFsError, errorCode, StepFailure, type OutputFs } from './output-fs.js';
import { removeTree } from './remove-tree.js';

/**
 * Swaps `paths.staging` into `out`. Throws a StepFailure, saying where the previous site is, when the
 * new site was not put in place; once it is, never throws: a previous site that cannot be removed is
 * a warning.
 */
export async function swapIntoPlace(paths: SwapPaths, out: string, fs: OutputFs): Promise<Diagnostic[]> {
  const { staging, previous } = paths;
  let hadPrevious = true;
  try {
    await fs.rename(out, previous);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT')
      throw new StepFailure('cannot move the previous site aside', error, `the previous site in ${out} is unchanged`);
    hadPrevious = false;
  }
  try {
    await fs.rename(staging, out);
  } catch (error) {
    if (!hadPrevious) throw new StepFailure('cannot move the new site into place', error, `${out} was not created`);
    try {
      await fs.rename(previous, out);
    } catch (back) {
      throw new StepFailure(
        `cannot move the new site into place (${describeFsError(error)}), and cannot move the previous site back`,
        back,
        `the previous site is intact in ${previous}, and the next build moves it back to ${out}`,
      );
    }
    throw new StepFailure(
      'cannot move the new site into place',
      error,
      `the previous site was moved back to ${out} and is unchanged`,
    );
  }
  if (!hadPrevious) return [];
  try {
    await removeTree(previous, fs);
    return [];
  } catch (error) {
    return [
      leftoverWarning(
        `the new site is in ${out}, but the previous site could not be removed from ${previous} (${describeFsError(error)}); the next build tries again`,
      ),
    ];
  }
}

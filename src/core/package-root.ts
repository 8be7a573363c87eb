/** Where inkstone's own files (built-in layouts and themes) live, from source or compiled output alike. */
import { fileURLToPath } from 'node:url';

/** Absolute path of the package root: this file sits two levels below it in `src/` and in `dist/`. */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

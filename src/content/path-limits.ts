/**
 * Output paths every file system can hold: no segment longer than 255 bytes (ext4, APFS, NTFS), and
 * no name Windows reserves for devices (`CON`, `NUL`, `COM1`, … with any extension), which cannot be
 * checked out, copied or served from Windows.
 */

/** Longest file or folder name, in bytes of UTF-8, that common file systems accept. */
export const MAX_SEGMENT_BYTES = 255;

const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.[^.]*)?$/i;

/** The first segment of `relPath` (forward slashes) longer than the limit, with its length in bytes. */
export function overlongSegment(relPath: string): { segment: string; bytes: number } | undefined {
  for (const segment of relPath.split('/')) {
    const bytes = Buffer.byteLength(segment, 'utf8');
    if (bytes > MAX_SEGMENT_BYTES) return { segment, bytes };
  }
  return undefined;
}

/** The first segment of `relPath` that Windows reserves as a device name. */
export function windowsReservedSegment(relPath: string): string | undefined {
  return relPath.split('/').find((segment) => RESERVED.test(segment));
}

/** Small helpers for plain data read from configuration and front matter. */

/** A map of keys to values: an object that is not null and not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` without its keys whose value is undefined (so that they do not override another object's). */
export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The key of `record` that is `lowerName` ignoring case, as written (the first in the record's order);
 * undefined when there is none. Hugo reads front matter and settings keys without regard to case.
 */
export function keyIgnoringCase(record: Record<string, unknown>, lowerName: string): string | undefined {
  return Object.keys(record).find((k) => k.toLowerCase() === lowerName);
}

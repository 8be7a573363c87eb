/**
 * The JSON inside a widget fence, parsed as the reader's browser would (`JSON.parse`, as al-folio's
 * scripts do), with the line and column of the first error when it is not JSON: V8's messages give a
 * position for only some errors, so jsonc-parser (in strict JSON mode) finds it.
 */
import { type ParseError, parse } from 'jsonc-parser';
import { WidgetError } from './errors.js';

/** The value of `source`, or a WidgetError at the first character that is not JSON. */
export function parseJsonSource(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch (error) {
    const errors: ParseError[] = [];
    parse(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const offset = errors[0]?.offset ?? source.length;
    const before = source.slice(0, offset).split('\n');
    // V8 ends its message with the position, or with a quote of the text around the error: both go.
    const message = (error as Error).message
      .replace(/(?: in JSON)? at position \d+[\s\S]*$/, '')
      .replace(/, (?:\.\.\.)?"[\s\S]*" is not valid JSON$/, '');
    throw new WidgetError(`not valid JSON: ${message}`, before.length, (before.at(-1)?.length ?? 0) + 1);
  }
}

/** `value` as a JSON object, or a WidgetError saying what it is instead. */
export function jsonObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new WidgetError(`${what} must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`, 1, 1);
}

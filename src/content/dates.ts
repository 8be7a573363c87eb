/** Post dates: the formats Jekyll users write, in the site's time zone, never rolled over. */
import { DateTime, FixedOffsetZone } from 'luxon';

/** A parsed date, or why it could not be parsed. */
export type DateParseResult = { ok: true; date: DateTime } | { ok: false; reason: string };

// 2022-10-23 | 2015-03-15 16:40:16 | 2015-10-20 11:12:00-0400 | 2015-10-20T11:12:00.5+02:00 | ...Z
const DATE_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses a front matter or file-name date. A date without an offset is read in `zone`.
 * The result is expressed in `zone`.
 */
export function parsePostDate(input: string, zone: string): DateParseResult {
  const match = DATE_PATTERN.exec(input.trim());
  if (!match) {
    return {
      ok: false,
      reason: `"${input}" is not a date: expected YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" with an optional offset, or ISO 8601`,
    };
  }
  const [, y, mo, d, h, mi, s, frac, offset] = match;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  const sourceZone = offset ? parseOffset(offset) : zone;
  const date = DateTime.fromObject(parts, { zone: sourceZone });
  if (!date.isValid) {
    return { ok: false, reason: `"${input}" is not a valid date: ${explainInvalid(parts)}` };
  }
  // Luxon moves a wall time that falls in a daylight-saving gap; refuse it rather than guess.
  if (date.day !== parts.day || date.hour !== parts.hour || date.minute !== parts.minute) {
    const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
    return {
      ok: false,
      reason: `"${input}" is not a valid date: ${time} does not exist in ${zoneName(sourceZone)} (the clocks skip it)`,
    };
  }
  return { ok: true, date: date.setZone(zone) };
}

function zoneName(zone: string | FixedOffsetZone): string {
  return typeof zone === 'string' ? zone : zone.name;
}

function parseOffset(offset: string): FixedOffsetZone {
  if (offset.toUpperCase() === 'Z') return FixedOffsetZone.utcInstance;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return FixedOffsetZone.instance(sign * (hours * 60 + minutes));
}

/** `2024-05-01-my-post.md` → date text and the rest of the name; undefined without a prefix. */
export function splitDatePrefix(fileStem: string): { date: string; rest: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(fileStem);
  return match ? { date: match[1]!, rest: match[2]! } : undefined;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Says which part of a date does not exist, in words a writer can act on. */
function explainInvalid(parts: {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}): string {
  if (parts.month < 1 || parts.month > 12) return `there is no month ${parts.month}`;
  const days = DateTime.fromObject({ year: parts.year, month: parts.month }, { zone: 'UTC' }).daysInMonth ?? 31;
  if (parts.day < 1 || parts.day > days) return `${MONTHS[parts.month - 1]} ${parts.year} has ${days} days`;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}:${String(parts.second).padStart(2, '0')} is not a time of day`;
  }
  return 'the time does not exist in this time zone';
}

/**
 * An ISO date as the site shows it: Luxon tokens `pattern`, in time zone `zone` and language
 * `language` (`{{ date | date }}` and the social cards); empty for a date that is not valid.
 */
export function formatDisplayDate(iso: string, pattern: string, zone: string, language: string): string {
  const date = DateTime.fromISO(iso, { zone });
  return date.isValid ? date.setLocale(language).toFormat(pattern) : '';
}

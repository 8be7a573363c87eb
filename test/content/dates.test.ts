import { describe, expect, it } from 'vitest';
import { parsePostDate, splitDatePrefix } from '../../src/content/dates.js';

/** The ISO text of a parsed date, or the reason it was refused. */
function parse(input: string, zone = 'UTC'): string {
  const result = parsePostDate(input, zone);
  return result.ok ? `ok ${result.date.toISO()}` : `error ${result.reason}`;
}

describe('parsePostDate: accepted formats', () => {
  it('reads a plain date as midnight in the site zone', () => {
    expect(parse('2022-10-23')).toBe('ok 2022-10-23T00:00:00.000Z');
    expect(parse('2022-10-23', 'America/New_York')).toBe('ok 2022-10-23T00:00:00.000-04:00');
  });

  it('reads a date and time without offset in the site zone', () => {
    expect(parse('2015-03-15 16:40:16')).toBe('ok 2015-03-15T16:40:16.000Z');
    expect(parse('2015-03-15 16:40:16', 'America/New_York')).toBe('ok 2015-03-15T16:40:16.000-04:00');
    expect(parse('2015-03-15 16:40:16', 'Europe/Paris')).toBe('ok 2015-03-15T16:40:16.000+01:00');
  });

  it('reads a time without seconds', () => {
    expect(parse('2015-10-20 11:12')).toBe('ok 2015-10-20T11:12:00.000Z');
  });

  it('reads the Jekyll offset form -0400, with or without a space before it', () => {
    expect(parse('2015-10-20 11:12:00-0400')).toBe('ok 2015-10-20T15:12:00.000Z');
    expect(parse('2015-10-20 11:12:00 -0400')).toBe('ok 2015-10-20T15:12:00.000Z');
  });

  it('reads ISO 8601 with a +02:00 offset', () => {
    expect(parse('2015-10-20T11:12:00+02:00')).toBe('ok 2015-10-20T09:12:00.000Z');
  });

  it('reads ISO 8601 in UTC with Z or z', () => {
    expect(parse('2015-10-20T11:12:00Z')).toBe('ok 2015-10-20T11:12:00.000Z');
    expect(parse('2015-10-20T11:12:00z')).toBe('ok 2015-10-20T11:12:00.000Z');
  });

  it('reads fractional seconds, keeping milliseconds', () => {
    expect(parse('2015-10-20T11:12:00.5Z')).toBe('ok 2015-10-20T11:12:00.500Z');
    expect(parse('2015-10-20T11:12:00.123456+02:00')).toBe('ok 2015-10-20T09:12:00.123Z');
  });

  it('ignores surrounding whitespace', () => {
    expect(parse('  2024-01-05 \n')).toBe('ok 2024-01-05T00:00:00.000Z');
  });

  it('accepts the leap day of a leap year', () => {
    expect(parse('2024-02-29')).toBe('ok 2024-02-29T00:00:00.000Z');
    expect(parse('2000-02-29')).toBe('ok 2000-02-29T00:00:00.000Z');
  });
});

describe('parsePostDate: the site time zone applies only to dates without an offset', () => {
  const zone = 'America/New_York';

  it('expresses a date with an offset as the same instant in the site zone', () => {
    expect(parse('2015-10-20 11:12:00-0400', zone)).toBe('ok 2015-10-20T11:12:00.000-04:00');
    expect(parse('2015-10-20T11:12:00+02:00', zone)).toBe('ok 2015-10-20T05:12:00.000-04:00');
    expect(parse('2015-10-20T11:12:00Z', zone)).toBe('ok 2015-10-20T07:12:00.000-04:00');
  });

  it('uses the zone offset in force on that day (standard time in winter)', () => {
    expect(parse('2024-01-15 09:30', zone)).toBe('ok 2024-01-15T09:30:00.000-05:00');
    expect(parse('2024-07-15 09:30', zone)).toBe('ok 2024-07-15T09:30:00.000-04:00');
  });

  it('keeps the instant of an offset date whatever the site zone', () => {
    const utc = parsePostDate('2015-10-20T11:12:00+02:00', 'UTC');
    const ny = parsePostDate('2015-10-20T11:12:00+02:00', zone);
    expect(utc.ok ? utc.date.toMillis() : 'refused').toBe(Date.UTC(2015, 9, 20, 9, 12));
    expect(ny.ok ? ny.date.toMillis() : 'refused').toBe(Date.UTC(2015, 9, 20, 9, 12));
  });

  it('refuses a wall time that does not exist because of a DST jump instead of shifting it', () => {
    // 2024-03-10 02:00–03:00 does not exist in New York; Luxon would silently move 02:30 to 03:30.
    expect(parsePostDate('2024-03-10 02:30', zone)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^"2024-03-10 02:30" is not a valid date/),
    });
  });
});

describe('parsePostDate: impossible dates are refused, never rolled over', () => {
  it('refuses February 30', () => {
    expect(parse('2024-02-30')).toBe('error "2024-02-30" is not a valid date: February 2024 has 29 days');
  });

  it('refuses February 29 in a common year', () => {
    expect(parse('2023-02-29')).toBe('error "2023-02-29" is not a valid date: February 2023 has 28 days');
  });

  it('refuses April 31', () => {
    expect(parse('2024-04-31')).toBe('error "2024-04-31" is not a valid date: April 2024 has 30 days');
  });

  it('refuses month 13 and month 0', () => {
    expect(parse('2024-13-01')).toBe('error "2024-13-01" is not a valid date: there is no month 13');
    expect(parse('2024-00-10')).toBe('error "2024-00-10" is not a valid date: there is no month 0');
  });

  it('refuses hour 25 and minute 60', () => {
    expect(parse('2024-01-01 25:00')).toBe(
      'error "2024-01-01 25:00" is not a valid date: 25:00:00 is not a time of day',
    );
    expect(parse('2024-01-01 23:60')).toBe(
      'error "2024-01-01 23:60" is not a valid date: 23:60:00 is not a time of day',
    );
  });

  it('refuses the same impossible dates in another zone', () => {
    expect(parse('2024-02-30', 'America/New_York')).toBe(
      'error "2024-02-30" is not a valid date: February 2024 has 29 days',
    );
  });

  it('refuses text that is not a date', () => {
    const reason = 'is not a date: expected YYYY-MM-DD, "YYYY-MM-DD HH:MM:SS" with an optional offset, or ISO 8601';
    expect(parse('yesterday')).toBe(`error "yesterday" ${reason}`);
    expect(parse('2024/01/05')).toBe(`error "2024/01/05" ${reason}`);
    expect(parse('2024-01-05 10:00 EST')).toBe(`error "2024-01-05 10:00 EST" ${reason}`);
  });
});

describe('splitDatePrefix', () => {
  it('splits a YYYY-MM-DD- prefix from the rest of the name', () => {
    expect(splitDatePrefix('2024-05-01-my-post')).toEqual({ date: '2024-05-01', rest: 'my-post' });
    expect(splitDatePrefix('2015-10-20-2015-in-review')).toEqual({ date: '2015-10-20', rest: '2015-in-review' });
  });

  it('keeps an impossible date for the parser to refuse', () => {
    expect(splitDatePrefix('2024-02-30-leap')).toEqual({ date: '2024-02-30', rest: 'leap' });
  });

  it('finds no prefix in names without one', () => {
    expect(splitDatePrefix('my-post')).toBeUndefined();
    expect(splitDatePrefix('2024-05-01')).toBeUndefined();
    expect(splitDatePrefix('2024-05-01-')).toBeUndefined();
    expect(splitDatePrefix('2024-5-01-short-month')).toBeUndefined();
    expect(splitDatePrefix('notes-2024-05-01-x')).toBeUndefined();
  });
});

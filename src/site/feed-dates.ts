/** Feed dates in the site's time zone: RFC 3339 for Atom and JSON Feed, RFC 822 for RSS. */
import { DateTime } from 'luxon';

/**
 * A Date whose `toISOString` and `toUTCString` keep the site's time zone offset. The feed library
 * formats dates with exactly those two methods; a plain Date would always print UTC.
 */
export function zonedDate(iso: string, timezone: string): Date {
  const zoned = DateTime.fromISO(iso, { zone: timezone });
  const date = new Date(zoned.toMillis());
  const rfc3339 = zoned.toISO({ suppressMilliseconds: true }) ?? date.toISOString();
  const rfc822 = zoned.setLocale('en-US').toFormat('ccc, dd LLL yyyy HH:mm:ss ZZZ');
  return Object.assign(date, { toISOString: () => rfc3339, toUTCString: () => rfc822 });
}

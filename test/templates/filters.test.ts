import { describe, expect, it } from 'vitest';
import { siteConfigSchema } from '../../src/config/schema.js';
import { parseBaseUrl } from '../../src/core/urls.js';
import { builtInFilters } from '../../src/templates/filters.js';

const filtersFor = (settings: Record<string, unknown>) => {
  const config = siteConfigSchema.parse(settings);
  const date = builtInFilters(config, parseBaseUrl(config.url)).date as (iso: unknown, format?: string) => string;
  const isoDate = builtInFilters(config, parseBaseUrl(config.url)).iso_date as (iso: unknown) => string;
  return { date, isoDate };
};

describe('date filters', () => {
  it('formats one date in each format it is asked for, however often it is asked', () => {
    const { date } = filtersFor({ date_format: 'd LLLL yyyy', timezone: 'America/New_York' });
    const iso = '2024-03-05T02:30:00.000Z';
    // In New York, 02:30 UTC on 5 March is still 4 March.
    for (let i = 0; i < 3; i++) {
      expect(date(iso)).toBe('4 March 2024');
      expect(date(iso, 'LLL d')).toBe('Mar 4');
      expect(date(iso, 'yyyy')).toBe('2024');
    }
    expect(date('2024-12-31T12:00:00.000Z', 'LLL d')).toBe('Dec 31');
  });

  it('follows the site language and gives nothing for a value that is not a date', () => {
    const { date } = filtersFor({ date_format: 'd LLLL yyyy', language: 'de' });
    expect(date('2024-03-05T12:00:00.000Z')).toBe('5 März 2024');
    expect(date('not a date')).toBe('');
    expect(date(undefined)).toBe('');
  });

  it('gives YYYY-MM-DD in the site time zone for iso_date', () => {
    const { isoDate } = filtersFor({ timezone: 'Asia/Tokyo' });
    expect(isoDate('2024-03-04T20:00:00.000Z')).toBe('2024-03-05');
    expect(isoDate('2024-03-04T20:00:00.000Z')).toBe('2024-03-05');
    expect(isoDate('nonsense')).toBe('');
  });
});

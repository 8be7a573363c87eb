/** The social cards options of a site: its title, its theme's card colours, its date format, its cache. */
import path from 'node:path';
import type { SiteConfig } from '../config/schema.js';
import { formatDisplayDate } from '../content/dates.js';
import { openDiskImageStore } from '../images/image-cache.js';
import type { ThemeManifest } from '../templates/theme.js';
import { DEFAULT_CARD_STYLE } from './draw.js';
import type { CardsOptions } from './stage.js';

/** The options of the site's cards stage; `cache` keeps drawn cards in `cache_dir/cards/`. */
export function cardsOptions(config: SiteConfig, theme: ThemeManifest, siteDir: string, cache: boolean): CardsOptions {
  return {
    siteTitle: config.title,
    style: { ...DEFAULT_CARD_STYLE, ...theme.card },
    // As the `date` filter shows dates: the site's format, time zone and language.
    formatDate: (iso) => formatDisplayDate(iso, config.date_format, config.timezone, config.language),
    store: cache ? () => openDiskImageStore(path.resolve(siteDir, config.cache_dir, 'cards')) : undefined,
  };
}

/** The image settings of a site: its `images:` configuration, with its theme's `sizes` when it gives none. */
import type { SiteConfig } from '../config/schema.js';
import type { ThemeManifest } from '../templates/theme.js';
import { DEFAULT_IMAGE_SIZES, type ImageSettings } from './settings.js';

/** The settings of the site's variants; undefined with `images: false`. */
export function imageSettings(config: SiteConfig, theme: ThemeManifest): ImageSettings | undefined {
  if (config.images === false) return undefined;
  const { formats, widths, sizes } = config.images;
  return { formats, widths, sizes: sizes ?? theme.image_sizes ?? DEFAULT_IMAGE_SIZES };
}

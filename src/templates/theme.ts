/** Themes: find the theme folder, read its `theme.json`, and list the layout search path. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { isDirectory } from '../core/fs.js';
import { packageRoot } from '../core/package-root.js';

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

const themeManifestSchema = z
  .object({
    /** Human name of the theme. */
    name: z.string(),
    /** Shiki themes for code in light and dark mode. */
    shiki: z.object({ light: z.string(), dark: z.string() }).strict(),
    /** Mermaid themes for diagrams in light and dark mode. */
    mermaid: z.object({ light: z.string(), dark: z.string() }).strict(),
    /** Stylesheets of the theme's `assets/`, linked from every page in this order. */
    stylesheets: z.array(z.string()).default(['style.css']),
    /** The theme's icon, files of its `assets/`: an SVG (linked from every page) and a `favicon.ico` (written to the root too). */
    favicon: z.object({ svg: z.string().optional(), ico: z.string().optional() }).strict().optional(),
    /** The `sizes` of responsive images in a post: how wide the theme shows its post column. */
    image_sizes: z.string().min(1).optional(),
    /** The social cards' look: colours (CSS hex colours) of background, title, date line, tags and edge, and the font family. */
    card: z
      .object({
        paper: z.string().regex(HEX_COLOUR).optional(),
        ink: z.string().regex(HEX_COLOUR).optional(),
        muted: z.string().regex(HEX_COLOUR).optional(),
        accent: z.string().regex(HEX_COLOUR).optional(),
        font: z.enum(['sans', 'serif', 'monospace']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A theme's `theme.json`. */
export type ThemeManifest = z.output<typeof themeManifestSchema>;

/** A resolved theme. */
export interface Theme {
  name: string;
  dir: string;
  manifest: ThemeManifest;
  /** Layout folders, first match wins. */
  layoutDirs: string[];
  /** Folder copied to `/assets/` of the site. */
  assetsDir: string;
}

/**
 * Resolves theme `name`: `<site>/themes/<name>` first, then the built-in one.
 * Layout lookup order: `<site>/layouts` → `<site>/themes/<name>/layouts` → built-in
 * `themes/<name>/layouts` → built-in `layouts/`.
 */
export async function loadTheme(siteDir: string, name: string): Promise<Theme> {
  const root = packageRoot();
  const candidates = [path.join(siteDir, 'themes', name), path.join(root, 'themes', name)];
  let dir: string | undefined;
  for (const candidate of candidates) {
    if (await isDirectory(candidate)) {
      dir = candidate;
      break;
    }
  }
  if (!dir) {
    throw new ConfigError(
      'theme',
      `theme "${name}" not found: looked in ${candidates.map((c) => path.relative(siteDir, c) || '.').join(' and ')}`,
    );
  }
  const manifestPath = path.join(dir, 'theme.json');
  let manifest: ThemeManifest;
  try {
    manifest = themeManifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
  } catch (error) {
    throw new ConfigError(
      'theme',
      `invalid theme manifest ${manifestPath}: ${(error as Error).message}`,
      { file: manifestPath },
      { cause: error },
    );
  }
  // The example blog lives in the package root, whose layouts/ are the built-in ones: they come last.
  const builtIn = path.join(root, 'layouts');
  const siteLayouts = path.join(siteDir, 'layouts');
  const layoutDirs = [
    ...(path.resolve(siteLayouts) === path.resolve(builtIn) ? [] : [siteLayouts]),
    path.join(siteDir, 'themes', name, 'layouts'),
    path.join(root, 'themes', name, 'layouts'),
    builtIn,
  ];
  const existing: string[] = [];
  for (const d of layoutDirs) if (!existing.includes(d) && (await isDirectory(d))) existing.push(d);
  return { name, dir, manifest, layoutDirs: existing, assetsDir: path.join(dir, 'assets') };
}

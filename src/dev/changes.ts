/**
 * Change classification: a path the watcher reports, relative to the site directory, becomes one of
 * four kinds, each of which decides how much of the site a rebuild redoes (see session.ts).
 */
import { CONFIG_MODULE_NAMES } from '../config/config-module.js';
import { CONFIG_FILE_NAMES } from '../config/schema.js';
import { DRAFTS_DIR, isPostPath, POST_DIRS, type PostFolders } from '../content/discover.js';
import { JEKYLL_CONFIG_FILE } from '../jekyll/config.js';

/**
 * `post`: a Markdown post (or a folder of them) appeared, changed or went away.
 * `layout`: a Nunjucks layout or partial: pages re-render from the rendered posts kept in memory.
 * `asset`: a theme asset or a static file: only the copied files are collected again.
 * `config`: the configuration, a theme manifest, or Jekyll's data and includes: everything is rebuilt.
 */
export type ChangeKind = 'post' | 'layout' | 'asset' | 'config';

/** What the file system did to a path. */
export type ChangeEvent = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

/** One classified change. */
export interface SiteChange {
  kind: ChangeKind;
  /** Path relative to the site directory, forward slashes. */
  relPath: string;
  event: ChangeEvent;
}

/** The folders of a site that the dev server watches (besides the configuration files at its root). */
export const WATCHED_DIRS = [
  ...POST_DIRS,
  DRAFTS_DIR,
  'layouts',
  'themes',
  'static',
  '_data',
  '_includes',
  // A Hugo site's pages and its config/_default/.
  'content',
  'config',
] as const;

const CONFIG_FILES: readonly string[] = [...CONFIG_FILE_NAMES, ...CONFIG_MODULE_NAMES, JEKYLL_CONFIG_FILE];

/** A Hugo site's configuration file at its root. */
const HUGO_CONFIG = /^(?:hugo|config)\.(?:toml|ya?ml|json)$/;

/** Files that can be modules a configuration module imports (and folders, which have no extension). */
const CODE_OR_FOLDER = /^[^.]+$|\.(?:[cm]?[jt]s|tsx|json)$/;

/**
 * True when the watcher should look at `relPath` at all: the site directory itself, a configuration
 * file, or something inside a watched folder. Hidden files and folders (editor swap files, `.git`) never
 * count. With `siteCode` (a site with a configuration module), code files and folders anywhere in the
 * site are looked at too, for the modules the configuration imports (see classifyChange).
 */
export function isWatchedPath(relPath: string, siteCode = false): boolean {
  if (relPath === '') return true;
  const segments = relPath.split('/');
  if (segments.some((s) => s.startsWith('.'))) return false;
  if (segments.length === 1 && (CONFIG_FILES.includes(relPath) || HUGO_CONFIG.test(relPath))) return true;
  if ((WATCHED_DIRS as readonly string[]).includes(segments[0]!)) return true;
  return siteCode && segments[0] !== 'node_modules' && CODE_OR_FOLDER.test(segments.at(-1)!);
}

/**
 * The kind of change at `relPath`, or undefined when the change cannot affect the site. A module in
 * `siteCode` (the configuration module's own imports) is a configuration change. `folders` names a
 * Hugo site's content folder, whose pages are posts (its other files, a bundle's images or a section's
 * `_index.md`, rebuild everything).
 */
export function classifyChange(
  relPath: string,
  event: ChangeEvent,
  siteCode: ReadonlySet<string> = new Set(),
  folders: PostFolders = {},
): SiteChange | undefined {
  if (relPath === '') return undefined;
  if (siteCode.has(relPath)) return { kind: 'config', relPath, event };
  if (!isWatchedPath(relPath)) return undefined;
  const kind = kindOf(relPath, event === 'addDir' || event === 'unlinkDir', folders);
  return kind ? { kind, relPath, event } : undefined;
}

function kindOf(relPath: string, isDir: boolean, folders: PostFolders): ChangeKind | undefined {
  const segments = relPath.split('/');
  const top = segments[0]!;
  if (segments.length === 1 && (CONFIG_FILES.includes(relPath) || HUGO_CONFIG.test(relPath))) return 'config';
  const content = folders.hugoContent;
  if (content && (relPath === content || relPath.startsWith(`${content}/`)))
    return isDir || isPostPath(relPath, folders) ? 'post' : 'config';
  if (top === 'config' || top === 'content') return content ? 'config' : undefined;
  if (top === '_data' || top === '_includes') return 'config';
  if (top === 'layouts') return 'layout';
  if (top === 'static') return 'asset';
  if (top === 'themes') {
    // themes/<name>/...: a theme folder appearing or going away may change which theme is used.
    if (segments.length <= 2) return 'config';
    const part = segments[2]!;
    if (part === 'theme.json') return 'config';
    if (part === 'layouts') return 'layout';
    if (part === 'assets') return 'asset';
    return undefined;
  }
  if ((POST_DIRS as readonly string[]).includes(top) || top === DRAFTS_DIR) {
    // A folder going away takes its posts with it; a folder arriving reports each of its files.
    if (isDir) return 'post';
    return isPostPath(relPath) ? 'post' : undefined;
  }
  return undefined;
}

/** A batch of changes, merged: what one rebuild must do. */
export interface ChangePlan {
  /** Rebuild everything (configuration, theme manifest, Jekyll data). */
  full: boolean;
  /** Reload the layouts and render every page again. */
  layouts: boolean;
  /** Collect the theme assets and static files again. */
  assets: boolean;
  /** Post files to read again (or drop, if gone). */
  posts: string[];
  /** Folders of posts that went away. */
  removedPostDirs: string[];
}

/** Merges `changes` into one plan. */
export function planChanges(changes: readonly SiteChange[]): ChangePlan {
  const posts = new Set<string>();
  const removedPostDirs = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'post') continue;
    if (change.event === 'unlinkDir') removedPostDirs.add(change.relPath);
    else if (change.event !== 'addDir') posts.add(change.relPath);
  }
  return {
    full: changes.some((c) => c.kind === 'config'),
    layouts: changes.some((c) => c.kind === 'layout'),
    assets: changes.some((c) => c.kind === 'asset'),
    posts: [...posts].sort(),
    removedPostDirs: [...removedPostDirs].sort(),
  };
}

/** A short description of a batch for the terminal: `posts/a.md changed`, `3 files changed`. */
export function describeChanges(changes: readonly SiteChange[]): string {
  // A new folder is reported with its files: name the files.
  const files = changes.filter((c) => c.event !== 'addDir');
  const shown = files.length > 0 ? files : changes;
  const paths = [...new Set(shown.map((c) => c.relPath))];
  if (paths.length === 1) {
    const events = new Set(shown.map((c) => c.event));
    const added = events.has('add') || events.has('addDir');
    const removed = events.has('unlink') || events.has('unlinkDir');
    const verb = events.has('change') || (added && removed) ? 'changed' : added ? 'added' : 'removed';
    return `${paths[0]} ${verb}`;
  }
  return `${paths.length} files changed (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', ...' : ''})`;
}

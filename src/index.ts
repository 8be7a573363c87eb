/** inkstone's public API. */
export { build, type BuildOptions, type BuildResult, type BuildStats } from './build.js';
import type { DevOptions, DevServer } from './dev/dev.js';
export type { DevOptions, DevServer };
export { siteConfigSchema, type SiteConfig, type SiteConfigInput } from './config/schema.js';
export {
  defineConfig,
  type AfterBuildInfo,
  type BuildHooks,
  type BuildInfo,
  type MarkdownItPlugin,
  type MarkdownPluginEntry,
  type PageInfo,
  type TemplateTag,
  type TemplatesConfig,
  type UserConfig,
} from './config/define.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './core/diagnostics.js';
export {
  InkstoneError,
  ConfigError,
  ContentError,
  TemplateError,
  OutputError,
  type SourceLocation,
} from './core/errors.js';
export { runCli } from './cli/main.js';
export { VERSION } from './version.js';
export type * from './types.js';

/**
 * Builds the site, serves it and rebuilds on every change (see dev/dev.ts). The dev server and its file
 * watcher are imported by the first call: a program that only builds never loads them.
 */
export async function dev(options: DevOptions): Promise<DevServer> {
  const { dev } = await import('./dev/dev.js');
  return dev(options);
}

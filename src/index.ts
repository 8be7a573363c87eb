/** inkstone's public API. */
export { build, type BuildOptions, type BuildResult, type BuildStats } from './build.js';
export { dev, type DevOptions, type DevServer } from './dev/dev.js';
export { defineConfig, siteConfigSchema, type SiteConfig, type SiteConfigInput } from './config/schema.js';
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

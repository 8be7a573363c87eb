/**
 * A markdown worker thread: renders the posts it is sent with its own highlighter and markdown-it,
 * and answers with plain RenderedPost records (the stage contracts are serialisable for this).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SitePlugin } from '../config/extensions.js';
import type { SiteConfig } from '../config/schema.js';
import type { Post, RenderedPost } from '../types.js';
import { createCodeHighlighter, type CodeThemes } from './highlighter.js';
import { renderSitePost } from './render-post.js';
import { createMarkdownSet } from './renderer.js';

/** What a worker is started with. */
export interface WorkerSetup {
  config: SiteConfig;
  themes: CodeThemes;
  /** The site's configuration module, which the worker loads for the site's markdown-it plugins. */
  site?: { module: string; siteDir: string; modules: string[]; cache: boolean };
}

/** A request: posts to render, tagged so the answer can be matched. */
export interface WorkerRequest {
  id: number;
  posts: Post[];
}

/** The answer to a request. */
export type WorkerResponse =
  | { id: number; ok: true; rendered: RenderedPost[] }
  | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const ready = Promise.all([createCodeHighlighter(setup.themes), sitePlugins(setup.site)]).then(
    ([highlighter, plugins]) => ({
      highlighter,
      md: createMarkdownSet(setup.config, { highlighter, plugins, siteCode: setup.site }),
    }),
  );
  port.on('message', async (request: WorkerRequest) => {
    try {
      const { highlighter, md } = await ready;
      const rendered: RenderedPost[] = [];
      for (const post of request.posts) rendered.push(await renderSitePost(post, md, highlighter, setup.site));
      port.postMessage({ id: request.id, ok: true, rendered } satisfies WorkerResponse);
    } catch (error) {
      port.postMessage({
        id: request.id,
        ok: false,
        error: (error as Error).stack ?? String(error),
      } satisfies WorkerResponse);
    }
  });
}

/** The markdown-it plugins of the site's configuration module, loaded again in this thread (functions cannot be sent). */
async function sitePlugins(site: WorkerSetup['site']): Promise<SitePlugin[]> {
  if (!site) return [];
  const [{ importConfigModule }, { splitUserConfig }] = await Promise.all([
    import('../config/config-module.js'),
    import('../config/extensions.js'),
  ]);
  const raw = await importConfigModule(site.module, site.siteDir, { cache: site.cache });
  return splitUserConfig(raw, site.module).extensions.plugins;
}

/**
 * A markdown worker thread: renders the posts it is sent with its own highlighter and markdown-it,
 * and answers with plain RenderedPost records (the stage contracts are serialisable for this).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../config/schema.js';
import type { Post, RenderedPost } from '../types.js';
import { createCodeHighlighter, type CodeThemes } from './highlighter.js';
import { renderPost } from './render-post.js';
import { createMarkdownSet } from './renderer.js';

/** What a worker is started with. */
export interface WorkerSetup {
  config: SiteConfig;
  themes: CodeThemes;
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
  const ready = createCodeHighlighter(setup.themes).then((highlighter) => ({
    highlighter,
    md: createMarkdownSet(setup.config, { highlighter }),
  }));
  port.on('message', async (request: WorkerRequest) => {
    try {
      const { highlighter, md } = await ready;
      const rendered: RenderedPost[] = [];
      for (const post of request.posts) rendered.push(await renderPost(post, md, highlighter));
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

/**
 * A pool of markdown worker threads. Work is handed out in small chunks from one queue, so a worker
 * that gets heavy posts simply takes fewer chunks; results come back in the posts' order.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../core/module-worker.js';
import type { Post, RenderedPost } from '../types.js';
import type { WorkerRequest, WorkerResponse, WorkerSetup } from './worker.js';

/** Posts per request: small enough to balance, large enough that messaging costs little. */
const CHUNK = 16;

/** Renders `posts` on `size` workers, with `renderHere` also taking chunks on this thread. */
export async function renderInPool(
  posts: readonly Post[],
  size: number,
  setup: WorkerSetup,
  renderHere: ((post: Post) => Promise<RenderedPost>) | undefined,
  /** Told of the posts a worker just rendered (those rendered here, `renderHere` tells itself). */
  onRendered: (rendered: readonly RenderedPost[]) => void = () => undefined,
): Promise<RenderedPost[]> {
  const results: RenderedPost[] = new Array(posts.length);
  let next = 0;
  const take = (): [number, Post[]] | undefined => {
    if (next >= posts.length) return undefined;
    const start = next;
    next = Math.min(posts.length, next + CHUNK);
    return [start, posts.slice(start, next)];
  };
  const workers = Array.from({ length: size }, () => startWorker(setup));
  try {
    const runWorker = async (worker: Worker) => {
      for (let job = take(); job; job = take()) {
        const [start, chunk] = job;
        const rendered = await request(worker, { id: start, posts: chunk });
        for (const [i, r] of rendered.entries()) results[start + i] = r;
        onRendered(rendered);
      }
    };
    const runHere = async () => {
      if (!renderHere) return;
      for (let job = take(); job; job = take()) {
        const [start, chunk] = job;
        for (const [i, post] of chunk.entries()) {
          results[start + i] = await renderHere(post);
          // Rendering here only awaits microtasks: yield to the event loop so workers' answers are
          // taken (and their next chunks handed out) while this thread works, not after it.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    };
    await Promise.all([...workers.map(runWorker), runHere()]);
    return results;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function startWorker(setup: WorkerSetup): Worker {
  return startModuleWorker(import.meta.url, 'worker', setup);
}

function request(worker: Worker, message: WorkerRequest): Promise<RenderedPost[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (response: WorkerResponse) => {
      if (response.id !== message.id) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      if (response.ok) resolve(response.rendered);
      else reject(new Error(`a markdown worker failed: ${response.error}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.postMessage(message);
  });
}

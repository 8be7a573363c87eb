/** External link checking: bounded concurrency, a timeout per request, HEAD first and GET when HEAD is refused. */
import { eachLimited } from '../core/concurrency.js';

/** The outcome for one URL: ok, or why not. */
export type ExternalResult = { url: string; ok: true } | { url: string; ok: false; reason: string };

/** Options of the external check. */
export interface ExternalOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Milliseconds before a request is abandoned. */
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Defaults: polite to other sites, quick to give up. */
export const defaultExternalOptions: ExternalOptions = { concurrency: 4, timeoutMs: 10_000, fetch: globalThis.fetch };

/** Checks every URL once; results come back in the order of `urls`. */
export async function checkExternalLinks(
  urls: readonly string[],
  options: ExternalOptions = defaultExternalOptions,
): Promise<ExternalResult[]> {
  const results: ExternalResult[] = new Array(urls.length);
  await eachLimited(urls, options.concurrency, async (url, index) => {
    results[index] = await checkOne(url, options);
  });
  return results;
}

async function checkOne(url: string, options: ExternalOptions): Promise<ExternalResult> {
  try {
    let response = await options.fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Some servers refuse HEAD; ask again with GET before calling the link broken.
    if (response.status === 405 || response.status === 501 || response.status === 403) {
      response = await options.fetch(url, {
        method: 'GET',
        redirect: 'follow',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
    }
    return response.ok ? { url, ok: true } : { url, ok: false, reason: `HTTP ${response.status}` };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { url, ok: false, reason: `no answer within ${options.timeoutMs / 1000} s` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { url, ok: false, reason: cause?.code ?? cause?.message ?? (error as Error).message };
  }
}

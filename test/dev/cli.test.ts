/** `inkstone dev` as a command: what it prints, how it stops, and its exit codes. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { removeDir, TEST_DIR, writeSite } from '../helpers/site.js';
import { PATIENCE_MS, WAITING_TEST_TIMEOUT_MS } from '../helpers/wait.js';

const BIN = path.join(TEST_DIR, '..', 'src', 'cli', 'bin.ts');

/** A running `inkstone dev` process and everything it printed so far. */
interface DevProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the stdout (or stderr) so far once `pattern` appears in it. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
}

/** Every `inkstone dev` started, so that one a failed test left running is stopped. */
const started = new Set<ChildProcessWithoutNullStreams>();

function startDev(args: string[]): DevProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'dev', ...args], { cwd: path.join(TEST_DIR, '..') });
  started.add(child);
  let out = '';
  let err = '';
  const waiting: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const check of [...waiting]) check();
  });
  // The two pipes are read independently: what the child wrote to stderr first may arrive after stdout.
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    for (const check of [...waiting]) check();
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern} on ${stream}; stdout:\n${out}\nstderr:\n${err}`)),
          PATIENCE_MS,
        );
        const check = () => {
          const text = stream === 'stdout' ? out : err;
          if (!pattern.test(text)) return;
          clearTimeout(timer);
          waiting.splice(waiting.indexOf(check), 1);
          resolve(text);
        };
        waiting.push(check);
        check();
      }),
  };
}

/** The status of GET / with this Host header. */
function statusWithHost(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    }).on('error', reject);
  });
}

/** The exit code, once the child has exited and everything it printed has been read ('close', not 'exit'). */
const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

describe('inkstone dev', { timeout: WAITING_TEST_TIMEOUT_MS }, () => {
  let site: string;
  beforeAll(async () => {
    site = await writeSite('dev-cli', {
      'posts/2024-01-01-hello.md': '---\ntitle: Hello\ndate: 2024-01-01\n---\n\nHello.\n',
    });
  });
  afterEach(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    started.clear();
  });
  afterAll(() => removeDir(site));

  it('prints where it serves, one line per rebuild, and exits 0 on Ctrl+C', async () => {
    const dev = startDev([site, '--port', '0']);
    const printed = await dev.waitFor(/Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(printed).toMatch(
      /^\d\d:\d\d:\d\d first build: 1 post rendered, 6 pages, 0 feeds; \d+ files changed \(.*\) in \d+ ms\n/,
    );
    expect(printed).toContain(`Serving ${site} at http://127.0.0.1:`);
    expect(printed).toContain(
      '(drafts and future posts included).\nWatching posts, layouts, themes, static files and the configuration; press Ctrl+C to stop.\n',
    );
    const url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(printed)![1]!;
    expect((await fetch(`${url}/2024/01/hello/`)).status).toBe(200);

    await appendFile(path.join(site, 'posts/2024-01-01-hello.md'), '\nAnother line.\n');
    const after = await dev.waitFor(/posts\/2024-01-01-hello\.md changed: /);
    expect(after).toMatch(
      /\d\d:\d\d:\d\d posts\/2024-01-01-hello\.md changed: 1 post rendered, \d+ pages, 0 feeds; 1 file changed \(2024\/01\/hello\/index\.html\) in \d+ ms\n/,
    );
    expect(await (await fetch(`${url}/2024/01/hello/`)).text()).toContain('Another line.');

    const code = exited(dev.child);
    dev.child.kill('SIGINT');
    expect(await code).toBe(0);
    expect(dev.stderr()).toBe('');
  });

  it('warns when it listens beyond loopback, and still refuses foreign host names', async () => {
    const dev = startDev([site, '--port', '0', '--host', '0.0.0.0', '--no-drafts']);
    const printed = await dev.waitFor(/Serving .* at http:\/\/0\.0\.0\.0:(\d+)\//);
    expect(await dev.waitFor(/warning: .*\n/, 'stderr')).toContain(
      'warning: --host 0.0.0.0 is not a loopback address: other machines on the network can read this site, drafts included.',
    );
    expect(printed).toContain('(without drafts and future posts).');
    const port = /0\.0\.0\.0:(\d+)\//.exec(printed)![1]!;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(await statusWithHost(Number(port), `evil.example:${port}`)).toBe(403);
    expect(await statusWithHost(Number(port), `10.1.2.3:${port}`)).toBe(200);
    const code = exited(dev.child);
    dev.child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('exits 2 for a port that is not a number', async () => {
    const stderr: string[] = [];
    const code = await runCli(['dev', site, '--port', '70000'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => stderr.push(s) },
    });
    expect(code).toBe(2);
    expect(stderr.join('')).toBe('error: --port must be a number from 0 to 65535, got "70000"\n');
  });

  it('exits 2 when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const stderr: string[] = [];
      const code = await runCli(['dev', site, '--port', String(port)], {
        stdout: { write: () => true },
        stderr: { write: (s: string) => stderr.push(s) },
      });
      expect(code).toBe(2);
      expect(stderr.join('')).toBe(
        `error: cannot listen on 127.0.0.1:${port} (EADDRINUSE): choose another --port or --host\n`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

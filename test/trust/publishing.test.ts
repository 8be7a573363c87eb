import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { removeDir, TEST_DIR, tempDir, writeSite } from '../helpers/site.js';

const DOCS = path.join(TEST_DIR, '..', 'docs', 'ci');
const INKSTONE = `${process.execPath} --import tsx ${path.join(TEST_DIR, '..', 'src', 'cli', 'bin.ts')}`;

describe('the GitHub Pages workflow', () => {
  it('installs, restores the render cache, builds with --strict, uploads and deploys the site', async () => {
    const workflow = parse(await readFile(path.join(DOCS, 'github-pages.yml'), 'utf8'));
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    const steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown> }> = workflow.jobs.build.steps;
    const uses = steps.map((s) => s.uses ?? s.run);
    expect(uses).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'actions/cache@v4',
      expect.stringContaining('apt-get install -y chromium'),
      'npm ci',
      'npx inkstone build --strict --report-json inkstone-report.json',
      'actions/upload-pages-artifact@v3',
    ]);
    expect(steps[1]!.with!['node-version']).toBe(20);
    expect(steps[2]!.with!.path).toBe('.inkstone-cache');
    expect(steps[6]!.with!.path).toBe('_site');
    expect(workflow.jobs.deploy.needs).toBe('build');
    expect(workflow.jobs.deploy.steps[0].uses).toBe('actions/deploy-pages@v4');
  });
});

describe('the shell recipe', () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)('bash', [path.join(DOCS, 'publish.sh')], {
      env: { ...process.env, SKIP_INSTALL: '1', INKSTONE: INKSTONE, ...env },
    });

  it('builds strictly, keeps the cache, and deploys', async () => {
    const site = await writeSite('publish', {
      'inkstone.yml': 'url: https://example.org/\n',
      'posts/2024-01-01-a.md': '# Hello\n',
    });
    const cache = await tempDir('publish-cache');
    const target = await tempDir('publish-target');
    try {
      const { stdout } = await run({ SITE_DIR: site, CACHE_DIR: cache, DEPLOY_CMD: `cp -R _site/. ${target}/` });
      expect(stdout).toContain('Built 1 post');
      expect(await readdir(target)).toContain('feed.xml');
      expect(JSON.parse(await readFile(path.join(site, 'inkstone-report.json'), 'utf8')).ok).toBe(true);
    } finally {
      await Promise.all([removeDir(site), removeDir(cache), removeDir(target)]);
    }
  });

  it('fails, and deploys nothing, when a warning would reach readers', async () => {
    const site = await writeSite('publish-strict', { 'posts/2024-01-01-a.md': '```klingon\nqapla\n```\n' });
    const target = await tempDir('publish-strict-target');
    try {
      const failure = await run({ SITE_DIR: site, DEPLOY_CMD: `cp -R _site/. ${target}/` }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((failure as { code: number }).code).toBe(1);
      expect((failure as { stderr: string }).stderr).toContain('error[code-language] unknown code language "klingon"');
      expect(await readdir(target)).toEqual([]);
    } finally {
      await Promise.all([removeDir(site), removeDir(target)]);
    }
  });
});

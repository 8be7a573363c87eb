// The naive baseline every benchmark is compared with: one thread reads each post, splits its front
// matter with gray-matter, renders it with markdown-it, and writes it. No highlighting, math, layouts
// or listing pages: the least a generator can do. Plain JavaScript, so it starts as fast as node.
//   node scripts/bench/naive.mjs SITE_DIR OUT_DIR
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';

const [siteDir, outDir] = process.argv.slice(2);
const md = new MarkdownIt({ html: true, linkify: true });
const names = (await readdir(path.join(siteDir, 'posts'))).filter((n) => n.endsWith('.md')).sort();
for (const name of names) {
  const text = await readFile(path.join(siteDir, 'posts', name), 'utf8');
  const { data, content } = matter(text, {});
  const html = `<!doctype html><title>${String(data.title ?? name)}</title>${md.render(content)}`;
  const dir = path.join(outDir, name.replace(/\.md$/, ''));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.html'), html);
}

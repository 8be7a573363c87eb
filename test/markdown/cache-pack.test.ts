import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Pack, PackError, packWriter, readPack, type TextRef } from '../../src/markdown/cache-pack.js';
import { removeDir, tempDir } from '../helpers/site.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

async function packDir(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir('cache-pack');
  dirs.push(dir);
  return { dir, file: path.join(dir, 'build.pack') };
}

const textFiles = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('texts-')).sort();

/** Writes a pack whose section `texts` maps names to the refs of their texts. */
async function write(
  file: string,
  previous: Pack | undefined,
  stamp: string,
  texts: Record<string, string | TextRef>,
): Promise<Pack> {
  const writer = packWriter(file, previous, stamp);
  const refs = Object.fromEntries(
    Object.entries(texts).map(([name, text]) => [
      name,
      typeof text === 'string' ? writer.add(text) : writer.keep(text),
    ]),
  );
  await writer.write({ texts: refs });
  return readPack(file)!;
}

const refs = (pack: Pack) => pack.sections['texts'] as Record<string, TextRef>;
const textsOf = (pack: Pack) => Object.fromEntries(Object.entries(refs(pack)).map(([k, ref]) => [k, pack.text(ref)]));

describe('the cache pack', () => {
  it('gives back its sections and texts (ASCII or not), and none when there is no pack', async () => {
    const { dir, file } = await packDir();
    expect(readPack(file)).toBe(undefined);
    const pack = await write(file, undefined, 'a', { one: '<p>one</p>', two: '<p>ünïcødé ✓</p>', empty: '' });
    expect(textsOf(pack)).toEqual({ one: '<p>one</p>', two: '<p>ünïcødé ✓</p>', empty: '' });
    expect(await textFiles(dir)).toEqual(['texts-a.bin']);
  });

  it('keeps each text to its own bytes: a lone surrogate never pairs with the next text, and big texts span writes', async () => {
    const { file } = await packDir();
    const big = 'x'.repeat(1_500_000);
    const texts = { high: 'end \uD83D', low: '\uDE00 start', big, after: 'ü after' };
    const pack = await write(file, undefined, 'a', texts);
    // UTF-8 has no lone surrogates: each is written as U+FFFD on its own, as Buffer.from does.
    expect(textsOf(pack)).toEqual({ high: 'end \uFFFD', low: '\uFFFD start', big, after: 'ü after' });
  });

  it('keeps every text of a file larger than its write buffer, whatever their lengths', async () => {
    const { file } = await packDir();
    // 3,000 texts of 1,000 to 1,400 characters, some not ASCII: several megabytes, written in several flushes.
    const texts = Object.fromEntries(
      Array.from({ length: 3000 }, (_, i) => [`t${i}`, `${i % 7 === 0 ? 'ü✓' : 'a'}`.repeat(1000 + (i % 5) * 100)]),
    );
    texts['huge'] = '✓'.repeat(400_000);
    const pack = await write(file, undefined, 'a', texts);
    expect(textsOf(pack)).toEqual(texts);
  });

  it('keeps texts where they are, and puts new ones in a new text file', async () => {
    const { dir, file } = await packDir();
    const first = await write(file, undefined, 'a', { one: 'one', two: 'two', three: 'three' });
    const second = await write(file, first, 'b', { one: refs(first)['one']!, two: refs(first)['two']!, four: 'four' });
    expect(textsOf(second)).toEqual({ one: 'one', two: 'two', four: 'four' });
    expect(second.files.map(([name]) => name)).toEqual(['texts-a.bin', 'texts-b.bin']);
    // Nothing new: no new text file, and one no longer referred to is removed once it is old enough.
    const third = await write(file, second, 'c', { four: refs(second)['four']! });
    expect(textsOf(third)).toEqual({ four: 'four' });
    expect(await textFiles(dir)).toEqual(['texts-a.bin', 'texts-b.bin']);
    const old = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(path.join(dir, 'texts-a.bin'), old, old);
    await write(file, third, 'd', { four: refs(third)['four']! });
    expect(await textFiles(dir)).toEqual(['texts-b.bin']);
  });

  it('merges its text files into one when most of their bytes are no longer referred to', async () => {
    const { dir, file } = await packDir();
    const first = await write(file, undefined, 'a', { big: 'x'.repeat(1000), small: 'kept' });
    const second = await write(file, first, 'b', { small: refs(first)['small']!, fresh: 'new' });
    expect(textsOf(second)).toEqual({ small: 'kept', fresh: 'new' });
    expect(second.files).toEqual([['texts-b.bin', 'kept'.length + 'new'.length]]);
    expect(await textFiles(dir)).toEqual(['texts-a.bin', 'texts-b.bin']);
  });

  it('is refused whole when damaged, and a text file that is gone makes its texts unknown', async () => {
    const { dir, file } = await packDir();
    const pack = await write(file, undefined, 'a', { one: 'one' });
    expect(pack.has(refs(pack)['one'])).toBe(true);
    expect(pack.has([0, 0, 99])).toBe(false);
    expect(pack.has('nonsense')).toBe(false);
    await rm(path.join(dir, 'texts-a.bin'));
    expect(readPack(file)!.has(refs(pack)['one'])).toBe(false);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 5));
    expect(() => readPack(file)).toThrow(PackError);
    await writeFile(file, 'something else\n');
    expect(() => readPack(file)).toThrow('its pack is damaged (it does not start as a pack)');
    // One of another version is not damaged: it is not read, and the next pack replaces it.
    await writeFile(file, 'inkstone-pack 1\n{"sections":{}}\n');
    expect(readPack(file)).toBe(undefined);
  });

  it('fails with the reason, and leaves no temporary file, when a text file it merges from is gone', async () => {
    const { dir, file } = await packDir();
    const first = await write(file, undefined, 'a', { big: 'x'.repeat(1000), small: 'kept' });
    await rm(path.join(dir, 'texts-a.bin'));
    await expect(write(file, first, 'b', { small: refs(first)['small']!, fresh: 'new' })).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual(['build.pack']);
    // The pack in place is still the first one.
    expect(readPack(file)!.sections).toEqual(first.sections);
  });
});

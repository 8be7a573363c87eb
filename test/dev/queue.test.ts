import { describe, expect, it } from 'vitest';
import { createRebuildQueue } from '../../src/dev/queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the rebuild queue', () => {
  it('batches changes that arrive within the quiet time into one rebuild', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), { delayMs: 40, maxDelayMs: 1000 });
    queue.add('a');
    await sleep(10);
    queue.add('b');
    await sleep(10);
    queue.add('c');
    await queue.idle();
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('runs one follow-up rebuild for every change that arrived during a rebuild', async () => {
    const batches: string[][] = [];
    let running = 0;
    let overlapped = false;
    const queue = createRebuildQueue<string>(
      async (batch) => {
        running++;
        overlapped ||= running > 1;
        batches.push(batch);
        await sleep(80);
        running--;
      },
      { delayMs: 5, maxDelayMs: 1000 },
    );
    queue.add('first');
    await sleep(30);
    queue.add('during-1');
    await sleep(10);
    queue.add('during-2');
    await sleep(10);
    queue.add('during-3');
    await queue.idle();
    expect(batches).toEqual([['first'], ['during-1', 'during-2', 'during-3']]);
    expect(overlapped).toBe(false);
  });

  it('does not wait forever when changes keep coming', async () => {
    const batches: number[][] = [];
    const queue = createRebuildQueue<number>(async (batch) => void batches.push(batch), { delayMs: 30, maxDelayMs: 60 });
    for (let i = 0; i < 8; i++) {
      queue.add(i);
      await sleep(15);
    }
    await queue.idle();
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('drops waiting changes when closed', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), { delayMs: 20, maxDelayMs: 100 });
    queue.add('a');
    queue.close();
    queue.add('b');
    await sleep(50);
    await queue.idle();
    expect(batches).toEqual([]);
  });
});

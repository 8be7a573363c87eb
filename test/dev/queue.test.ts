import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRebuildQueue } from '../../src/dev/queue.js';

// The queue reads the clock (Date.now) and sets timers; both are faked, so the tests do not depend on
// how busy the machine is: `advance` moves time on and runs every timer that falls due.
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('the rebuild queue', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('batches changes that arrive within the quiet time into one rebuild', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), {
      delayMs: 40,
      maxDelayMs: 1000,
    });
    queue.add('a');
    await advance(10);
    queue.add('b');
    await advance(10);
    queue.add('c');
    expect(batches).toEqual([]);
    const idle = queue.idle();
    await advance(40);
    await idle;
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('starts a lone change after its quiet time, not before', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), {
      delayMs: 40,
      maxDelayMs: 1000,
    });
    queue.add('a');
    await advance(39);
    expect(batches).toEqual([]);
    await advance(1);
    expect(batches).toEqual([['a']]);
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
        await new Promise((resolve) => setTimeout(resolve, 80));
        running--;
      },
      { delayMs: 5, maxDelayMs: 1000 },
    );
    queue.add('first');
    await advance(30);
    queue.add('during-1');
    await advance(10);
    queue.add('during-2');
    await advance(10);
    queue.add('during-3');
    const idle = queue.idle();
    await advance(500);
    await idle;
    expect(batches).toEqual([['first'], ['during-1', 'during-2', 'during-3']]);
    expect(overlapped).toBe(false);
  });

  it('waits for the burst quiet time when changes come close together', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), {
      delayMs: 25,
      burstDelayMs: 100,
      maxDelayMs: 2000,
    });
    queue.add('a');
    await advance(20);
    queue.add('b');
    await advance(99);
    expect(batches).toEqual([]);
    await advance(1);
    expect(batches).toEqual([['a', 'b']]);
  });

  it('does not wait forever when changes keep coming', async () => {
    const batches: number[][] = [];
    const queue = createRebuildQueue<number>(async (batch) => void batches.push(batch), {
      delayMs: 30,
      maxDelayMs: 60,
    });
    for (let i = 0; i < 8; i++) {
      queue.add(i);
      await advance(15);
    }
    const idle = queue.idle();
    await advance(100);
    await idle;
    expect(batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('drops waiting changes when closed', async () => {
    const batches: string[][] = [];
    const queue = createRebuildQueue<string>(async (batch) => void batches.push(batch), {
      delayMs: 20,
      maxDelayMs: 100,
    });
    queue.add('a');
    queue.close();
    queue.add('b');
    await advance(200);
    await queue.idle();
    expect(batches).toEqual([]);
  });
});

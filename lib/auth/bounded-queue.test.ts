import { describe, expect, it } from 'vitest';
import { BoundedQueue, QueueFull } from './bounded-queue';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('BoundedQueue', () => {
  it('runs at most `concurrency` tasks at once and refuses beyond the waiting line without running them', async () => {
    const queue = new BoundedQueue(1, 2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    let ranFourth = false;
    await expect(
      queue.run(async () => {
        ranFourth = true;
      }),
    ).rejects.toBeInstanceOf(QueueFull);
    expect(ranFourth).toBe(false);
    await Promise.resolve();
    expect(started).toEqual([0]);
    expect(queue.load).toEqual({ running: 1, waiting: 2 });
    gates[0]!.resolve();
    await results[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const queue = new BoundedQueue(1, 0);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
  });

  it('gives one key at most its share of the line, and frees it as its tasks end', async () => {
    const queue = new BoundedQueue(1, 4, 2);
    const gates = [deferred(), deferred()];
    const flood = gates.map((gate) => queue.run(() => gate.promise, '203.0.113.9'));
    await expect(queue.run(async () => 'third', '203.0.113.9')).rejects.toBeInstanceOf(QueueFull);
    const other = queue.run(async () => 'other', '192.0.2.1');
    gates.forEach((gate) => gate.resolve());
    await Promise.all(flood);
    expect(await other).toBe('other');
    expect(await queue.run(async () => 'again', '203.0.113.9')).toBe('again');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });
});

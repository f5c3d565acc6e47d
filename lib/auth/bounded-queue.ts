/**
 * A semaphore with a bounded waiting line. Password hashing runs through
 * one: scrypt at OWASP's cost takes a core and 128 MiB for a few hundred
 * milliseconds, so a flood of sign-ins must neither run many at once nor
 * pile up without end. Work beyond the line is refused at once (QueueFull),
 * without being done.
 */
export class QueueFull extends Error {
  constructor() {
    super('too many tasks waiting');
    this.name = 'QueueFull';
  }
}

export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly perKey = new Map<string, number>();

  /** `maxPerKey`: tasks of one key (a client address) running or waiting at once; more are refused like a full line. */
  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    readonly maxPerKey = Infinity,
  ) {
    if (concurrency < 1 || maxWaiting < 0 || maxPerKey < 1) throw new RangeError('concurrency must be ≥ 1, maxWaiting ≥ 0 and maxPerKey ≥ 1');
  }

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs the task when a slot is free; rejects with QueueFull at once when the line, or the key's share of it, is full. */
  async run<T>(task: () => Promise<T>, key?: string): Promise<T> {
    const ofKey = key === undefined ? 0 : (this.perKey.get(key) ?? 0);
    if (ofKey >= this.maxPerKey) throw new QueueFull();
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting) throw new QueueFull();
    if (key !== undefined) this.perKey.set(key, ofKey + 1);
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      if (key !== undefined) {
        const left = (this.perKey.get(key) ?? 1) - 1;
        if (left > 0) this.perKey.set(key, left);
        else this.perKey.delete(key);
      }
      // Hand the slot straight to the next in line (running stays counted), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

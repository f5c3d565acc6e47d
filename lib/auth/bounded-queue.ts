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

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (concurrency < 1 || maxWaiting < 0) throw new RangeError('concurrency must be ≥ 1 and maxWaiting ≥ 0');
  }

  /** Tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs the task when a slot is free; rejects with QueueFull at once when the line is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new QueueFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (running stays counted), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

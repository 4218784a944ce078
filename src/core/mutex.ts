/**
 * A FIFO async lock. Writes to one sandbox pass through it so that the read, check
 * and commit phases of one operation never interleave with another's.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

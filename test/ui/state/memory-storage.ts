/** A Storage in memory for tests, which can be made to refuse writes like a full browser store. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  /** When set, setItem throws this (e.g. a QuotaExceededError). */
  refuseWrites: Error | undefined;
  writes = 0;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    if (this.refuseWrites) throw this.refuseWrites;
    this.writes++;
    this.items.set(key, String(value));
  }
}

export function quotaError(): Error {
  const error = new Error("The quota has been exceeded.");
  error.name = "QuotaExceededError";
  return error;
}

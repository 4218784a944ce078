/** Web Locks for one name: the first requester holds it until it is released. */
export class FakeLocks {
  private readonly queue: { owner: string; grant: () => void }[] = [];

  manager(owner: string): LockManager {
    return {
      request: (_name: string, callback: () => Promise<unknown>) => {
        this.queue.push({ owner, grant: () => void callback() });
        if (this.queue.length === 1) this.queue[0].grant();
        return new Promise(() => undefined);
      },
    } as unknown as LockManager;
  }

  release(owner: string): void {
    const index = this.queue.findIndex((entry) => entry.owner === owner);
    this.queue.splice(index, 1);
    if (index === 0) this.queue[0]?.grant();
  }
}

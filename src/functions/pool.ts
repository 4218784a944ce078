import type { RunnerMessage, RunnerPort, RunnerTransport } from "./runner/protocol.ts";

/** One started runner and what the host tracks about it. */
export class Runner {
  port!: RunnerPort;
  alive = true;
  /** Set when the runner must not be reused (it was stopped, or code misbehaved after returning). */
  tainted = false;
  /** Why the host stopped it, reported to the runs it held. */
  stopReason: "timeout" | "closed" | undefined;
  /** Ids of the runs in progress on it. */
  readonly runs = new Set<number>();
}

export interface RunnerSink {
  message(runner: Runner, message: RunnerMessage): void;
  exit(runner: Runner, reason: string): void;
}

export interface PoolLimits {
  /** Warm runners kept for reuse. */
  maxIdle: number;
  /** Runners at once; further calls wait for one to come free. */
  maxRunners: number;
}

/**
 * Warm runners for reuse. A runner serves one call tree at a time (a function and
 * whatever it runs through `functions.execute` or `%function`), then returns here; a
 * runner that was stopped or misbehaved is dropped and a fresh one started on demand.
 *
 * Waiting for a free runner cannot deadlock: nothing holds a runner while it waits for
 * another (nested calls run on their caller's runner).
 */
export class RunnerPool {
  private readonly idle: Runner[] = [];
  private readonly live = new Set<Runner>();
  private readonly waiters: { resolve: (runner: Runner) => void; reject: (error: unknown) => void }[] = [];
  private starting = 0;
  private closed = false;

  constructor(
    private readonly transport: RunnerTransport,
    private readonly sink: RunnerSink,
    private readonly limits: PoolLimits = { maxIdle: 4, maxRunners: 8 },
  ) {}

  get kind(): string {
    return this.transport.kind;
  }

  /** Runners currently started (idle or busy). */
  get size(): number {
    return this.live.size;
  }

  async acquire(): Promise<Runner> {
    if (this.closed) throw new Error("the function runtime is closed");
    for (let runner = this.idle.pop(); runner; runner = this.idle.pop()) {
      if (runner.alive && !runner.tainted) return runner;
    }
    if (this.live.size + this.starting < this.limits.maxRunners) return this.spawn();
    return new Promise<Runner>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(runner: Runner): void {
    if (!runner.alive) return;
    if (runner.tainted || this.closed) return this.stop(runner, "closed");
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(runner);
    else if (this.idle.length < this.limits.maxIdle) this.idle.push(runner);
    else this.stop(runner, "closed");
  }

  /** Stops a runner at once; its runs are failed by the caller. */
  stop(runner: Runner, reason: "timeout" | "closed"): void {
    if (!runner.alive) return;
    runner.stopReason = reason;
    this.forget(runner);
    runner.port.terminate();
  }

  close(): Runner[] {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error("the function runtime is closed"));
    const all = [...this.live];
    for (const runner of all) this.stop(runner, "closed");
    return all;
  }

  private async spawn(): Promise<Runner> {
    const runner = new Runner();
    this.starting++;
    try {
      runner.port = await this.transport.spawn({
        onMessage: (message) => this.sink.message(runner, message),
        onExit: (reason) => {
          if (!runner.alive) return;
          this.forget(runner);
          this.sink.exit(runner, reason);
        },
      });
    } finally {
      this.starting--;
    }
    if (this.closed) {
      runner.port.terminate();
      throw new Error("the function runtime is closed");
    }
    this.live.add(runner);
    return runner;
  }

  private forget(runner: Runner): void {
    runner.alive = false;
    this.live.delete(runner);
    const at = this.idle.indexOf(runner);
    if (at >= 0) this.idle.splice(at, 1);
    // A slot came free: start a runner for the next waiting call.
    while (!this.closed && this.waiters.length > 0 && this.live.size + this.starting < this.limits.maxRunners) {
      const waiter = this.waiters.shift()!;
      this.spawn().then(waiter.resolve, waiter.reject);
    }
  }
}

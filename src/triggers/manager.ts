import type { SandboxApp } from "../app/app.ts";
import type { AuthEvent } from "../app/app-events.ts";
import type { AppModel, TriggerConfig } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { errorDetails } from "../functions/errors.ts";
import type { LogEntryInput } from "../log/app-log.ts";
import type { FunctionRuntime } from "../functions/runtime.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { ChangeEvent } from "../storage/change-event.ts";
import { compileDatabaseTrigger, deliveredEvent, watchesNamespace, type DatabaseTrigger } from "./database-events.ts";
import { Schedule } from "./scheduler.ts";

export interface TriggerOptions {
  /**
   * How many triggers may fire in a chain (a trigger's writes firing the next one).
   * A write by a function at this depth fires nothing, and the stop is logged. Default 8.
   */
  maxCascadeDepth?: number;
  /** Longest real-time wait between two looks at the app clock for scheduled triggers. Default 1000 ms. */
  pollMs?: number;
  /** Trigger runs in progress at once, across all triggers (each holds a function runner). Default 4. */
  maxConcurrentRuns?: number;
}

export const DEFAULT_MAX_CASCADE_DEPTH = 8;
const CLOSE_GRACE_MS = 2000;

interface Job {
  config: TriggerConfig;
  args: unknown[];
  depth: number;
  /** For the log summary, e.g. "INSERT tracker.tasks". */
  label: string;
  userId?: string;
}

/**
 * Arms the deployed app's triggers and runs their functions as the system, after the
 * event: database triggers on committed change events, authentication triggers on auth
 * events, scheduled triggers by the app clock. Ordered triggers run one event at a
 * time; a failure is logged and never undoes the write that fired it.
 */
export class TriggerManager {
  readonly maxCascadeDepth: number;
  private readonly pollMs: number;
  private database: DatabaseTrigger[] = [];
  private auth: TriggerConfig[] = [];
  private readonly active = new Map<string, TriggerConfig>();
  private readonly schedule = new Schedule();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly stops: (() => void)[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly maxRunning: number;
  private running = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly app: SandboxApp,
    private readonly runtime: FunctionRuntime,
    options: TriggerOptions = {},
  ) {
    this.maxCascadeDepth = options.maxCascadeDepth ?? DEFAULT_MAX_CASCADE_DEPTH;
    this.pollMs = options.pollMs ?? 1000;
    this.maxRunning = options.maxConcurrentRuns ?? 4;
  }

  start(): void {
    this.arm(this.app.deployed);
    this.stops.push(
      this.app.store.subscribe((events) => this.onChanges(events)),
      this.app.events.on("auth", (event) => this.onAuth(event)),
      this.app.onDeploy((model) => this.arm(model)),
    );
  }

  /** Makes the triggers of a deployed version live. */
  arm(model: AppModel): void {
    const enabled = model.triggers.filter((t) => !t.disabled);
    this.active.clear();
    for (const t of enabled) this.active.set(t.name, t);
    this.auth = enabled.filter((t) => t.type === "AUTHENTICATION");
    this.database = [];
    for (const t of enabled.filter((t) => t.type === "DATABASE")) {
      try {
        this.database.push(compileDatabaseTrigger(t));
      } catch (error) {
        this.disarmed(t, `its match or project expression is invalid: ${(error as Error).message}`);
      }
    }
    for (const problem of this.schedule.arm(enabled, this.app.clock())) {
      this.disarmed(this.active.get(problem.name)!, `its schedule is invalid: ${problem.message}`);
    }
    this.restartTimer();
  }

  /** Fires the scheduled triggers that are due by the app clock; resolves when their runs end. */
  async tick(): Promise<void> {
    if (this.closed) return;
    const now = this.app.clock();
    const runs = this.schedule.due(now).map(({ config, scheduledFor }) =>
      this.enqueue({ config, args: [], depth: 1, label: `schedule ${config.schedule} (${new Date(scheduledFor).toISOString()})` }),
    );
    await Promise.all(runs);
  }

  /** Resolves once no trigger run is queued or running, including the runs they cause. */
  async settled(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops listening and the schedule, and gives running triggers a moment to finish
   * their writes; the function runtime stops whatever still runs after that.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const stop of this.stops.splice(0)) stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(this.runtime.timeoutMs, CLOSE_GRACE_MS))));
    await Promise.race([this.settled(), limit]);
    clearTimeout(timer);
  }

  private onChanges(events: ChangeEvent[]): void {
    if (this.closed || this.database.length === 0) return;
    const depth = this.runtime.origins.depthOf(events);
    for (const event of events) {
      for (const trigger of this.database) {
        if (!watchesNamespace(trigger, event)) continue;
        let delivered;
        try {
          delivered = deliveredEvent(trigger, event);
        } catch (error) {
          this.logSkip(trigger.config, `its match or project failed on a ${event.operationType} event: ${(error as Error).message}`);
          continue;
        }
        if (!delivered) continue;
        const label = `${event.operationType.toUpperCase()} ${event.ns.db}.${event.ns.coll}`;
        if (depth >= this.maxCascadeDepth) {
          this.logSkip(
            trigger.config,
            `not run for ${label}: ${this.maxCascadeDepth} triggers already fired in a chain (each one's writes firing the next); the chain stops here`,
            { depth },
          );
          continue;
        }
        void this.enqueue({ config: trigger.config, args: [delivered], depth: depth + 1, label });
      }
    }
  }

  private onAuth(event: AuthEvent): void {
    if (this.closed) return;
    for (const config of this.auth) {
      if (!config.operationTypes.includes(event.operationType)) continue;
      if (config.providers.length > 0 && !event.providers.some((p) => config.providers.includes(p))) continue;
      const userId = typeof event.user?.id === "string" ? event.user.id : undefined;
      const arg = { operationType: event.operationType, providers: event.providers, user: event.user, time: event.time };
      void this.enqueue({ config, args: [arg], depth: 1, label: `${event.operationType} ${event.providers.join(", ")}`, userId });
    }
  }

  /** Queues a run: ordered triggers after their previous event, unordered ones at once. */
  private enqueue(job: Job): Promise<void> {
    this.inFlight++;
    const run = () => this.withSlot(() => this.run(job)).catch(() => undefined);
    let done: Promise<void>;
    if (job.config.config.unordered === true) {
      done = run();
    } else {
      const name = job.config.name;
      done = (this.queues.get(name) ?? Promise.resolve()).then(run);
      this.queues.set(name, done);
      void done.then(() => {
        if (this.queues.get(name) === done) this.queues.delete(name);
      });
    }
    return done.finally(() => {
      if (--this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
  }

  /** Bounds concurrent runs, so a burst of events does not start a runner per event. */
  private async withSlot(task: () => Promise<void>): Promise<void> {
    while (this.running >= this.maxRunning) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running++;
    try {
      await task();
    } finally {
      this.running--;
      this.slotWaiters.shift()?.();
    }
  }

  private async run(job: Job): Promise<void> {
    // A deploy may have removed or disabled the trigger while this event waited.
    const config = this.active.get(job.config.name);
    if (!config || config.type !== job.config.type) return;
    const functionName = config.functionName;
    if (!functionName) return this.logSkip(config, "it names no function to run");
    const record = await this.runtime.execute(functionName, job.args, { context: SYSTEM_CONTEXT, origin: "trigger", depth: job.depth, log: false });
    const details: Record<string, unknown> = {
      trigger: config.name,
      triggerType: config.type,
      function: functionName,
      depth: job.depth,
      event: job.args[0],
      logs: record.logs,
    };
    if (record.ok) details.result = record.value;
    else details.error = errorDetails(record.error!);
    this.app.log.write({
      type: "trigger",
      status: record.ok ? "ok" : "error",
      summary: `trigger ${config.name} (${job.label}) → ${functionName}${record.ok ? "" : `: ${record.error!.message}`}`,
      userId: job.userId,
      durationMs: Math.round(record.durationMs * 1000) / 1000,
      details,
    });
  }

  /**
   * "Fire a test event" from the console: runs the trigger's function once, as the system,
   * with `args` (a made-up event), whether or not the trigger is deployed or enabled, and
   * logs the run like a real one marked as a test. `source` runs a draft's function text.
   */
  async test(config: TriggerConfig, args: unknown[], options: { source?: string; label: string }): Promise<LogEntryInput> {
    const functionName = config.functionName;
    if (!functionName) throw new AppServicesError("InvalidParameter", `trigger ${config.name} names no function to run; link one first`);
    const record = await this.runtime.execute(functionName, args, { context: SYSTEM_CONTEXT, origin: "trigger", depth: 1, log: false, source: options.source });
    const details: Record<string, unknown> = { trigger: config.name, triggerType: config.type, function: functionName, test: true, event: args[0], logs: record.logs };
    if (record.ok) details.result = record.value;
    else details.error = errorDetails(record.error!);
    const entry: LogEntryInput = {
      type: "trigger",
      status: record.ok ? "ok" : "error",
      summary: `trigger ${config.name} (test event: ${options.label}) → ${functionName}${record.ok ? "" : `: ${record.error!.message}`}`,
      durationMs: Math.round(record.durationMs * 1000) / 1000,
      details,
    };
    this.app.log.write(entry);
    return entry;
  }

  private disarmed(config: TriggerConfig, why: string): void {
    this.active.delete(config.name);
    this.logSkip(config, `disabled: ${why}`);
  }

  private logSkip(config: TriggerConfig, why: string, extra: Record<string, unknown> = {}): void {
    this.app.log.write({
      type: "trigger",
      status: "error",
      summary: `trigger ${config.name} ${why}`,
      details: { trigger: config.name, triggerType: config.type, function: config.functionName, ...extra },
    });
  }

  /** Real-time polling of the app clock, so an injected clock drives the schedule too. */
  private restartTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.schedule.nextRun();
    if (this.closed || next === undefined) return;
    const delay = Math.min(this.pollMs, Math.max(0, next - this.app.clock()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick().catch(() => undefined);
      this.restartTimer();
    }, delay);
    (this.timer as { unref?: () => void }).unref?.();
  }
}

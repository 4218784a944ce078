import type { SandboxApp } from "../app/app.ts";
import type { FunctionConfig, FunctionEntry } from "../config/types.ts";
import type { CallOptions, FunctionHost } from "../app/function-host.ts";
import { parseEJSON, stringifyEJSON } from "../bson/ejson.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { RequestContext } from "../services/request-context.ts";
import { asAppServicesError, errorDetails, failureError, functionNotFound, runnerStopped, timeLimitExceeded } from "./errors.ts";
import { checkCanEvaluate, defaultFindUser, resolveIdentity, scriptIdentity, type FindUser, type Identity } from "./identity.ts";
import { Runner, RunnerPool } from "./pool.ts";
import type { ConsoleLevel, RpcMessage, RunnerMessage, RunnerTransport } from "./runner/protocol.ts";
import { defaultRunnerTransport } from "./runner/select.ts";
import { serveHostCall, type HostCallDeps } from "./host-calls.ts";
import { contextSnapshot, SYSTEM_USER_VIEW } from "./snapshot.ts";
import { WriteOrigins } from "./write-origin.ts";

export const DEFAULT_FUNCTION_TIMEOUT_MS = 10_000;
/** How deep `functions.execute` (and `%function` from a function's queries) may nest. */
export const MAX_CALL_NESTING = 32;
const MAX_LOG_LINES = 1000;

export interface FunctionRuntimeOptions {
  /** Time limit of one call, including the functions it calls. */
  timeoutMs?: number;
  /** How runners are started; default: worker threads in Node, Blob-URL Workers in browsers. */
  runner?: RunnerTransport;
  /** Warm runners kept for reuse. Default 4. */
  maxIdleRunners?: number;
  /** Runners at once (concurrent call trees); more calls wait for a free one. Default 8. */
  maxRunners?: number;
  /** Looks up users for `run_as_user_id`; default reads the auth layer's user records. */
  findUser?: FindUser;
}

/** Who started a call, as the log shows it. */
export type CallOrigin = "client" | "function" | "trigger" | "rule" | "internal" | "console";

export interface RunOptions {
  /** The caller: a user, or the system. */
  context: RequestContext;
  origin: CallOrigin;
  /** `context.request`; defaults to the caller context's request. */
  request?: Record<string, unknown>;
  /** Refuse private functions (client calls). */
  fromClient?: boolean;
  /** Trigger cascade depth of the call's writes (triggers pass theirs). */
  depth?: number;
  /** Run this source instead of the deployed one (the console's test runs of a draft). */
  source?: string;
  /** With `source`: the function's settings to run it with (the draft's), instead of the deployed ones. */
  settings?: Omit<FunctionEntry, "name">;
  /** Whether the call gets its own function log entry (triggers log their runs themselves). */
  log?: boolean;
}

export interface ConsoleLine {
  level: ConsoleLevel;
  text: string;
}

/** The outcome of one call, for the log and for callers that report instead of throwing. */
export interface CallRecord {
  name: string;
  ok: boolean;
  value?: unknown;
  error?: AppServicesError;
  logs: ConsoleLine[];
  durationMs: number;
  runAsSystem: boolean;
}

interface Frame {
  id: number;
  name: string;
  runner: Runner;
  identity: Identity;
  request: Record<string, unknown> | undefined;
  depth: number;
  nesting: number;
  logs: ConsoleLine[];
  done: boolean;
  settle(result: { ok: true; value: unknown } | { ok: false; error: AppServicesError }): void;
}

/**
 * Runs app functions in isolated runners and serves their calls back into the backend:
 * service calls run here with the function's identity, so rules apply to user
 * functions; `functions.execute` runs the callee in the caller's runner. Every call is
 * time-limited and logged.
 */
export class FunctionRuntime implements FunctionHost {
  readonly origins: WriteOrigins;
  readonly timeoutMs: number;
  private readonly pool: RunnerPool;
  private readonly frames = new Map<number, Frame>();
  private readonly frameOfContext = new WeakMap<RequestContext, Frame>();
  private readonly findUser: FindUser;
  private readonly hostCalls: HostCallDeps;
  private nextRun = 1;

  constructor(
    private readonly app: SandboxApp,
    options: FunctionRuntimeOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
    this.origins = new WriteOrigins(app.store);
    this.findUser = options.findUser ?? defaultFindUser(app);
    this.hostCalls = {
      app,
      origins: this.origins,
      execute: async (frame, name, args) => {
        const record = await this.run(name, args, { context: frame.identity.execContext, origin: "function" }, frame as Frame);
        if (!record.ok) throw record.error;
        return record.value;
      },
    };
    this.pool = new RunnerPool(
      options.runner ?? defaultRunnerTransport(),
      { message: (runner, message) => this.onMessage(runner, message), exit: (runner, reason) => this.onExit(runner, reason) },
      { maxIdle: options.maxIdleRunners ?? 4, maxRunners: Math.max(1, options.maxRunners ?? 8) },
    );
  }

  /** Which transport runs functions ("node-worker", "browser-worker", or an injected one). */
  get transportKind(): string {
    return this.pool.kind;
  }

  /** Runners currently started. */
  get runnerCount(): number {
    return this.pool.size;
  }

  /** The FunctionHost entry point: throws the App Services error when the call fails. */
  async call(name: string, args: unknown[], context: RequestContext, options: CallOptions = {}): Promise<unknown> {
    const parent = this.liveFrame(context);
    const origin: CallOrigin = options.fromClient ? "client" : parent ? "rule" : "internal";
    const record = await this.run(name, args, { context, origin, fromClient: options.fromClient, request: options.request }, parent);
    if (!record.ok) throw record.error;
    return record.value;
  }

  /** Runs a function and reports its outcome instead of throwing (triggers, the console). */
  execute(name: string, args: unknown[], options: RunOptions): Promise<CallRecord> {
    return this.run(name, args, options, this.liveFrame(options.context));
  }

  /** Stops every runner; calls still in progress fail. */
  close(): void {
    for (const runner of this.pool.close()) this.failRuns(runner, () => new AppServicesError("InternalServerError", "the function runtime was closed"));
  }

  /** The run a context belongs to, while it is still running (calls from rules during its queries). */
  private liveFrame(context: RequestContext): Frame | undefined {
    const frame = this.frameOfContext.get(context);
    return frame && !frame.done && frame.runner.alive ? frame : undefined;
  }

  private async run(name: string, args: unknown[], options: RunOptions, parent: Frame | undefined): Promise<CallRecord> {
    const started = performance.now();
    const request = options.request ?? (parent ? parent.request : options.context.request);
    const caller: Identity = { execContext: options.context, contextUser: parent?.identity.contextUser ?? options.context.user ?? SYSTEM_USER_VIEW };
    const fn = this.lookup(name, options);
    let runAsSystem = false;
    let result: { ok: true; value: unknown } | { ok: false; error: AppServicesError };
    let logs: ConsoleLine[] = [];
    try {
      if (!fn) throw functionNotFound(name);
      if (!Array.isArray(args)) throw new AppServicesError("InvalidParameter", "function arguments must be an array");
      await checkCanEvaluate(this.app, fn, args, caller, request, (n, a) => this.call(n, a, caller.execContext));
      const fromScript = fn.run_as_user_id_script_source ? () => this.runAsScript(fn, caller, parent) : undefined;
      const identity = await resolveIdentity(fn, caller, request, this.findUser, fromScript);
      runAsSystem = identity.execContext.system;
      const frame = await this.start(fn, args, identity, request, options.depth ?? parent?.depth ?? 0, parent);
      logs = frame.logs;
      result = await frame.promise;
    } catch (error) {
      result = { ok: false, error: asAppServicesError(error) };
    }
    const record: CallRecord = { name, ...result, logs, durationMs: performance.now() - started, runAsSystem };
    if (options.log !== false) this.logCall(record, fn, args, options.origin, caller);
    return record;
  }

  private lookup(name: string, options: RunOptions): FunctionConfig | undefined {
    const deployed = this.app.deployed.functions.find((f) => f.name === name);
    if (options.source !== undefined) {
      const base = options.settings ? { ...options.settings, name, sourcePath: `functions/${name}.js` } : (deployed ?? { name, sourcePath: `functions/${name}.js` });
      return { ...base, source: options.source };
    }
    if (!deployed || (options.fromClient && deployed.private)) return undefined;
    return deployed;
  }

  private async runAsScript(fn: FunctionConfig, caller: Identity, parent: Frame | undefined) {
    const script: FunctionConfig = { name: `${fn.name}/run_as_user_id_script_source`, source: fn.run_as_user_id_script_source!, sourcePath: "", run_as_system: true };
    const frame = await this.start(script, [], { execContext: { user: caller.execContext.user, system: true }, contextUser: caller.contextUser }, undefined, parent?.depth ?? 0, parent);
    const result = await frame.promise;
    if (!result.ok) throw result.error;
    return scriptIdentity(fn.name, result.value);
  }

  /** Starts a run on the parent's runner (nested calls) or a pooled one under a time limit. */
  private async start(
    fn: FunctionConfig,
    args: unknown[],
    identity: Identity,
    request: Record<string, unknown> | undefined,
    depth: number,
    parent: Frame | undefined,
  ): Promise<Frame & { promise: Promise<{ ok: true; value: unknown } | { ok: false; error: AppServicesError }> }> {
    const nesting = parent ? parent.nesting + 1 : 0;
    if (nesting > MAX_CALL_NESTING) {
      throw new AppServicesError("FunctionExecutionError", `function calls nest deeper than ${MAX_CALL_NESTING} levels (endless recursion?)`);
    }
    // Serialized before a runner is taken, so a value that cannot be sent fails alone.
    const argsText = stringifyEJSON(args);
    const context = contextSnapshot(this.app, identity.contextUser, identity.execContext.system, request);
    let runner: Runner;
    if (parent) {
      runner = parent.runner;
      if (!runner.alive) throw new AppServicesError("FunctionExecutionError", "the calling function has already stopped");
    } else {
      try {
        runner = await this.pool.acquire();
      } catch (error) {
        throw new AppServicesError("InternalServerError", `cannot start a function runner: ${(error as Error).message}`);
      }
    }
    let settle!: Frame["settle"];
    const promise = new Promise<{ ok: true; value: unknown } | { ok: false; error: AppServicesError }>((resolve) => (settle = resolve));
    const frame: Frame & { promise: typeof promise } = {
      id: this.nextRun++,
      name: fn.name,
      runner,
      identity,
      request,
      depth,
      nesting,
      logs: [],
      done: false,
      promise,
      settle: (result) => {
        if (frame.done) return;
        frame.done = true;
        this.frames.delete(frame.id);
        runner.runs.delete(frame.id);
        settle(result);
      },
    };
    this.frames.set(frame.id, frame);
    this.frameOfContext.set(identity.execContext, frame);
    runner.runs.add(frame.id);
    if (!parent) {
      const timer = setTimeout(() => this.stopForTimeout(runner, fn.name), this.timeoutMs);
      void promise.then(() => {
        clearTimeout(timer);
        this.release(runner);
      });
    }
    runner.port.post({ t: "run", run: frame.id, name: fn.name, source: fn.source, args: argsText, context });
    return frame;
  }

  private release(runner: Runner): void {
    if (runner.runs.size === 0) return this.pool.release(runner);
    // A call the function started but did not await: it cannot outlive its caller's runner.
    this.pool.stop(runner, "closed");
    this.failRuns(runner, () => new AppServicesError("FunctionExecutionError", "the calling function returned before this call finished"));
  }

  private stopForTimeout(runner: Runner, name: string): void {
    if (!runner.alive || runner.runs.size === 0) return;
    this.pool.stop(runner, "timeout");
    this.failRuns(runner, () => timeLimitExceeded(name, this.timeoutMs));
  }

  private failRuns(runner: Runner, error: () => AppServicesError): void {
    for (const id of [...runner.runs]) this.frames.get(id)?.settle({ ok: false, error: error() });
  }

  private onExit(runner: Runner, reason: string): void {
    this.failRuns(runner, () => runnerStopped(reason));
  }

  private onMessage(runner: Runner, message: RunnerMessage): void {
    if (message.t === "fault") {
      runner.tainted = true;
      this.app.log.write({ type: "function", status: "error", summary: message.message, details: { error: { message: message.message } } });
      return;
    }
    if (message.t === "ready") return;
    const frame = this.frames.get(message.run);
    const mine = frame !== undefined && frame.runner === runner && !frame.done;
    switch (message.t) {
      case "log":
        if (mine && frame.logs.length < MAX_LOG_LINES) frame.logs.push({ level: message.level, text: message.text });
        return;
      case "rpc":
        void this.serveRpc(runner, mine ? frame : undefined, message);
        return;
      case "done":
        if (!mine) return;
        if (message.ok) {
          try {
            frame.settle({ ok: true, value: message.value === undefined ? undefined : parseEJSON(message.value) });
          } catch (error) {
            frame.settle({ ok: false, error: new AppServicesError("FunctionExecutionError", `the function returned a value that cannot be sent: ${(error as Error).message}`) });
          }
        } else {
          frame.settle({ ok: false, error: failureError(frame.name, message.error) });
        }
    }
  }

  private async serveRpc(runner: Runner, frame: Frame | undefined, message: RpcMessage): Promise<void> {
    const reply = { t: "reply" as const, run: message.run, call: message.call };
    try {
      if (!frame) throw new AppServicesError("FunctionExecutionError", "this function call has already returned");
      const value = await serveHostCall(this.hostCalls, frame, message.op, parseEJSON(message.payload) as Record<string, unknown>);
      if (runner.alive) runner.port.post({ ...reply, ok: true, value: value === undefined ? undefined : stringifyEJSON(value) });
    } catch (error) {
      const e = asAppServicesError(error);
      if (runner.alive) runner.port.post({ ...reply, ok: false, error: { message: e.message, code: e.code } });
    }
  }

  private logCall(record: CallRecord, fn: FunctionConfig | undefined, args: unknown[], origin: CallOrigin, caller: Identity): void {
    const id = (caller.contextUser as { id?: unknown }).id;
    const userId = typeof id === "string" && id ? id : undefined;
    const details: Record<string, unknown> = { function: record.name, origin, runAsSystem: record.runAsSystem, logs: record.logs };
    if (fn?.disable_arg_logs) details.argumentsHidden = true;
    else details.arguments = args;
    if (record.ok) details.result = record.value;
    else details.error = errorDetails(record.error!);
    this.app.log.write({
      type: "function",
      status: record.ok ? "ok" : "error",
      summary: record.ok ? `function ${record.name}` : `function ${record.name}: ${record.error!.message}`,
      userId,
      durationMs: Math.round(record.durationMs * 1000) / 1000,
      details,
    });
  }
}

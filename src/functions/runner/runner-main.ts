/* eslint-disable */
/**
 * The runner: the code inside an isolated worker that runs App Services function
 * sources. It is sent as source text (Function.prototype.toString), together with its
 * `parts` (each sent the same way), so it must stay self-contained: no imports, no
 * references to module scope, no TypeScript constructs that compile to helpers.
 *
 * Start-up, in this order: buffers are metered, the worker's host globals are removed,
 * `ses` and bson are loaded, `lockdown()` freezes every intrinsic and the shared
 * globals are hardened. Each call then runs in a Compartment of its own (see
 * compile.ts) with its own `context`, `console` and timers.
 *
 * `bridge` is the transport's side channel: `post` a message to the host, `listen` for
 * host messages, `onFault` for errors no run caught, `defer` work to after the current task. `scripts` loads `ses` and bson and
 * may offer `collect` (a garbage collection, then the bytes of buffers alive). Both are
 * captured before the global scope is stripped, and function code cannot reach them.
 */
export function runnerMain(
  bridge: {
    post(message: any): void;
    listen(handler: (message: any) => void): void;
    onFault(handler: (reason: any, rejection: boolean) => void): void;
    /** Runs a task once the current one is over (and its messages are on their way). */
    defer(task: () => void): void;
  },
  scripts: { ses(): void; bson(): any; collect?: () => number },
  settings: { memoryLimitBytes: number; lockdown: Record<string, string> },
  parts: {
    installMeter: (limitBytes: number, collect?: () => number) => { reset(): void; refusal(): string | undefined; settle(): void };
    removeHostGlobals: (keep: string[]) => void;
    prepareBson: (bson: any) => { startCall(): void };
    createUtils: (bson: any) => any;
    createContextApi: () => { makeContext(rpc: (op: string, payload: unknown) => Promise<any>, snapshot: any): unknown; isCursor(value: unknown): boolean };
    makeSharedGlobals: (harden: (value: any) => any) => { globals: Record<string, unknown>; setNow(now: number): void };
    createCompiler: (
      Compartment: any,
      FunctionCtor: FunctionConstructor,
      shared: Record<string, unknown>,
    ) => { compile(name: string, source: string, globals: Record<string, unknown>): Function; prepare(): void; sourceUrl(name: string): string };
    createCallTimers: (onError: (error: unknown) => void) => { globals: Record<string, Function>; dispose(): void };
  },
): void {
  const g = globalThis as any;
  const meter = parts.installMeter(settings.memoryLimitBytes, scripts.collect);
  const FunctionCtor = Function;
  parts.removeHostGlobals([]);
  scripts.ses();
  const BSON = scripts.bson();
  const EJSON = BSON.EJSON;
  const bson = parts.prepareBson(BSON);
  const utils = parts.createUtils(BSON);
  const contextApi = parts.createContextApi();
  g.lockdown(settings.lockdown);
  const harden: <T>(value: T) => T = g.harden;
  const getStackString: (error: unknown) => string = g.getStackString;
  harden(BSON);
  harden(utils);
  const shared = parts.makeSharedGlobals(harden);
  const compiler = parts.createCompiler(g.Compartment, FunctionCtor, { ...shared.globals, utils, BSON, EJSON });
  const sourceUrl = compiler.sourceUrl;

  const MAX_LOG_LINES = 1000;
  const MAX_LOG_TEXT = 10_000;
  const runs = new Map<number, any>();
  const active: any[] = [];

  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  function failure(kind: string, message: string, line?: number, column?: number, stack?: string, code?: string) {
    return { __failure: true, kind, message, line, column, stack, code };
  }

  /** A thrown value as the log and the caller see it, with the line in the function source. */
  function describeThrown(kind: string, name: string, thrown: any) {
    if (thrown && thrown.__failure) return thrown;
    let message: string;
    let stack = "";
    try {
      if (thrown instanceof Error) {
        message = thrown.name && thrown.name !== "Error" ? `${thrown.name}: ${thrown.message}` : thrown.message;
        stack = getStackString(thrown);
      } else if (typeof thrown === "string") {
        message = thrown;
      } else {
        message = EJSON.stringify(thrown, { relaxed: true }) ?? String(thrown);
      }
    } catch {
      message = "a value that cannot be shown was thrown";
    }
    message = explain(thrown, message);
    const at = new RegExp(`${escapeRegExp(sourceUrl(name))}:(\\d+):(\\d+)`).exec(stack);
    const frames = stack
      .split("\n")
      .filter((line: string) => line.includes(sourceUrl(name)))
      .map((line: string) => `    ${line.trim()}`);
    const userFrames = frames.length > 0 ? [thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : message, ...frames].join("\n") : undefined;
    return failure(kind, message, at ? Number(at[1]) : undefined, at ? Number(at[2]) : undefined, userFrames, thrown?.code);
  }

  /** Hints for the errors the sandbox itself causes. */
  function explain(thrown: any, message: string): string {
    if (thrown instanceof ReferenceError && /^(require|process|module|fetch|XMLHttpRequest|WebSocket|indexedDB|localStorage|window|document|self|global|Buffer|structuredClone|WebAssembly|SharedArrayBuffer)\b/.test(thrown.message)) {
      return `${message} (functions run isolated: no Node modules, npm packages, network, storage or DOM)`;
    }
    if (thrown instanceof TypeError && /object is not extensible|read[- ]only property|Cannot (add|define|redefine|delete) property|Cannot assign to read only/.test(thrown.message)) {
      return `${message} (built-in objects, BSON, EJSON and utils are frozen, so that every call starts from the same clean state)`;
    }
    if (thrown instanceof SyntaxError && /SES_IMPORT_REJECTED/.test(thrown.message)) return "SyntaxError: import is not available in functions";
    if (thrown instanceof SyntaxError && /SES_HTML_COMMENT_REJECTED/.test(thrown.message)) {
      return 'SyntaxError: code evaluated by a function cannot contain "<!--" or "-->"';
    }
    return message;
  }

  // ---- host calls ------------------------------------------------------------------

  function rpc(state: any, op: string, payload: unknown): Promise<any> {
    if (state.done) return Promise.reject(new Error("this function call has already returned; await service calls before returning"));
    const call = state.nextCall++;
    let text: string;
    try {
      text = EJSON.stringify(payload, { relaxed: false });
    } catch (error: any) {
      return Promise.reject(new TypeError(`cannot send this value to ${op}: ${error?.message ?? error}`));
    }
    return new Promise((resolve, reject) => {
      state.pending.set(call, { resolve, reject });
      bridge.post({ t: "rpc", run: state.id, call, op, payload: text });
    });
  }

  function onReply(message: any): void {
    const state = runs.get(message.run);
    const waiter = state?.pending.get(message.call);
    if (!waiter) return;
    state.pending.delete(message.call);
    if (message.ok) {
      try {
        waiter.resolve(message.value === undefined ? undefined : EJSON.parse(message.value, { relaxed: true }));
      } catch (error) {
        waiter.reject(error);
      }
    } else {
      const error: any = new Error(message.error?.message ?? "service call failed");
      if (message.error?.code) error.code = message.error.code;
      waiter.reject(error);
    }
  }

  // ---- console ---------------------------------------------------------------------

  function format(value: unknown): string {
    if (typeof value === "string") return value;
    if (value instanceof Error) return value.name && value.name !== "Error" ? `${value.name}: ${value.message}` : `Error: ${value.message}`;
    if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
      return typeof value === "function" ? `[Function ${(value as Function).name || "anonymous"}]` : String(value);
    }
    try {
      return EJSON.stringify(value, { relaxed: true }) ?? String(value);
    } catch {
      return String(value);
    }
  }

  function makeConsole(state: () => any) {
    const write = (level: string) => (...values: unknown[]) => {
      const run = state();
      if (!run || run.done || run.logLines >= MAX_LOG_LINES) return;
      run.logLines++;
      let text = values.map(format).join(" ");
      if (text.length > MAX_LOG_TEXT) text = `${text.slice(0, MAX_LOG_TEXT)}… (${text.length} characters)`;
      if (run.logLines === MAX_LOG_LINES) text = `${text}\n… further output dropped (${MAX_LOG_LINES} lines per call)`;
      bridge.post({ t: "log", run: run.id, level, text });
    };
    return Object.freeze({ log: write("log"), info: write("info"), warn: write("warn"), error: write("error"), debug: write("debug") });
  }

  // ---- runs ------------------------------------------------------------------------

  function finish(state: any, outcome: any): void {
    if (state.done) return;
    state.done = true;
    state.timers?.dispose();
    runs.delete(state.id);
    const at = active.indexOf(state);
    if (at >= 0) active.splice(at, 1);
    for (const waiter of state.pending.values()) waiter.reject(new Error("this function call has already returned"));
    state.pending.clear();
    // Past the memory limit the call is over, even if its code caught the error.
    const refusal = meter.refusal();
    if (refusal && (outcome.ok || outcome.error.kind !== "memory")) {
      outcome = { ok: false, error: { ...(outcome.ok ? {} : outcome.error), kind: "memory", message: refusal } };
    }
    bridge.post({ t: "done", run: state.id, ...outcome });
    // The next call's compartment is made while the host handles this result (a message
    // only leaves once the current task is over).
    if (active.length === 0) bridge.defer(() => compiler.prepare());
  }

  function fail(state: any, kind: string, thrown: any): void {
    const { __failure, ...error } = describeThrown(kind, state.name, thrown);
    finish(state, { ok: false, error });
  }

  async function start(message: any): Promise<void> {
    // A new call tree starts from a clean count and fresh ObjectId state.
    if (active.length === 0) {
      meter.reset();
      bson.startCall();
    }
    const state: any = { id: message.run, name: message.name, pending: new Map(), nextCall: 1, done: false, logLines: 0, timers: undefined };
    runs.set(state.id, state);
    active.push(state);
    let exported: unknown;
    let args: unknown[];
    try {
      args = EJSON.parse(message.args, { relaxed: true });
      const snap = EJSON.parse(message.context, { relaxed: true });
      if (typeof snap.now === "number") shared.setNow(snap.now);
      state.timers = parts.createCallTimers((error) => fail(state, "runtime", error));
      const factory = compiler.compile(message.name, message.source, {
        ...state.timers.globals,
        context: contextApi.makeContext((op, payload) => rpc(state, op, payload), snap),
        console: makeConsole(() => state),
      });
      exported = Reflect.apply(factory, undefined, [undefined, { exports: undefined }]);
    } catch (thrown) {
      return fail(state, "runtime", thrown);
    }
    if (typeof exported !== "function") {
      return fail(state, "invalid", failure("invalid", `function "${message.name}" must assign a function to exports (exports = function (...) { ... })`));
    }
    try {
      const result = await Reflect.apply(exported, undefined, args);
      if (contextApi.isCursor(result)) throw new Error("a function cannot return a cursor; return cursor.toArray() instead");
      const value = result === undefined ? undefined : EJSON.stringify(result, { relaxed: false });
      finish(state, { ok: true, value });
    } catch (thrown) {
      fail(state, "runtime", thrown);
    }
  }

  bridge.onFault((reason, rejection) => {
    const innermost = active[active.length - 1];
    if (innermost) return fail(innermost, rejection ? "rejection" : "runtime", reason);
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    bridge.post({ t: "fault", message: `${rejection ? "unhandled rejection" : "uncaught error"} after a function returned: ${text}` });
  });

  bridge.listen((message) => {
    if (message?.t === "run") void start(message);
    else if (message?.t === "reply") onReply(message);
  });

  compiler.prepare();
  // What the runner itself holds (bson's buffers…) is not the calls'.
  meter.settle();
  bridge.post({ t: "ready" });
}

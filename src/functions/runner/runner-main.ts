/* eslint-disable */
/**
 * The runner: the code inside an isolated worker that compiles and runs App Services
 * function sources. It is sent as source text (Function.prototype.toString), together
 * with its `parts` (each sent the same way) and the bson bundle, so it must stay
 * self-contained: no imports, no references to module scope, no TypeScript constructs
 * that compile to helpers.
 *
 * `bridge` is the transport's side channel: `post` a message to the host, `listen` for
 * host messages, `onFault` for errors no run caught. It is captured here before the
 * global scope is locked down, so function code cannot reach it.
 */
export function runnerMain(
  BSON: any,
  bridge: { post(message: any): void; listen(handler: (message: any) => void): void; onFault(handler: (reason: any, rejection: boolean) => void): void },
  parts: {
    createUtils: (bson: any) => any;
    createContextApi: () => { makeContext(rpc: (op: string, payload: unknown) => Promise<any>, snapshot: any): unknown; isCursor(value: unknown): boolean };
    installGlobals: (bson: any) => { setNow(now: number): void };
    lockdown: (keep: string[]) => void;
  },
): void {
  const EJSON = BSON.EJSON;
  const indirectEval = globalThis.eval;
  const FunctionCtor = Function;
  const IMPORT = /\bimport\s*(\(|\.\s*meta|\/[*/])/;
  const MAX_LOG_LINES = 1000;
  const MAX_LOG_TEXT = 10_000;
  const utils = parts.createUtils(BSON);
  const contextApi = parts.createContextApi();
  const compiled = new Map<string, Function>();
  const runs = new Map<number, any>();
  const active: any[] = [];

  const sourceUrl = (name: string) => `functions/${name}.js`;
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  // ---- compiling -------------------------------------------------------------------

  function compile(name: string, source: string): Function {
    const key = `${name}\u0000${source}`;
    let factory = compiled.get(key);
    if (factory) return factory;
    const importAt = source.search(IMPORT);
    if (importAt >= 0) {
      throw failure("syntax", "import is not available in functions; write exports = function (...) { ... }", lineOf(source, importAt));
    }
    try {
      new FunctionCtor(source);
    } catch (error: any) {
      // V8 parses the source inside its own wrapper, so an unclosed "{" shows up as an
      // unexpected ")" after the source: report it as the end of input it is.
      const lines = source.trimEnd().split("\n").length;
      for (const closing of ["}", "}}", "}}}"]) {
        try {
          new FunctionCtor(`${source}\n${closing}`);
          throw failure("syntax", `Unexpected end of input (${closing.length} "{" not closed)`, lines);
        } catch (retry: any) {
          if (retry?.__failure) throw retry;
        }
      }
      const message = String(error?.message ?? error);
      throw failure("syntax", message, syntaxErrorLine(source, message, error));
    }
    const text =
      "(function (exports, module, context, console, utils) {" +
      source +
      "\n;return module.exports !== undefined ? module.exports : exports;\n})\n//# sourceURL=" +
      sourceUrl(name);
    factory = indirectEval(text) as Function;
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, factory);
    return factory;
  }

  function lineOf(text: string, index: number): number {
    return text.slice(0, index).split("\n").length;
  }

  /**
   * V8 does not expose where a SyntaxError in compiled code is. The line is the first
   * prefix of the source that fails with the same message: shorter prefixes only fail
   * with "Unexpected end of input" (or another message) because they stop early.
   */
  function syntaxErrorLine(source: string, message: string, error: any): number | undefined {
    // Firefox reports it, counting the two header lines of the Function constructor.
    if (typeof error?.lineNumber === "number") return Math.max(1, error.lineNumber - 2);
    const lines = source.trimEnd().split("\n");
    if (/end of input|unexpected end/i.test(message)) return lines.length;
    for (let k = 1; k <= lines.length; k++) {
      try {
        new FunctionCtor(lines.slice(0, k).join("\n"));
      } catch (e: any) {
        if (String(e?.message) === message) return k;
      }
    }
    return undefined;
  }

  function failure(kind: string, message: string, line?: number, column?: number, stack?: string, code?: string) {
    return { __failure: true, kind, message, line, column, stack, code };
  }

  /** A thrown value as the log and the caller see it, with the line in the function source. */
  function describeThrown(kind: string, name: string, thrown: any) {
    if (thrown && thrown.__failure) return thrown;
    let message: string;
    if (thrown instanceof Error) {
      message = thrown.name && thrown.name !== "Error" ? `${thrown.name}: ${thrown.message}` : thrown.message;
    } else if (typeof thrown === "string") {
      message = thrown;
    } else {
      try {
        message = EJSON.stringify(thrown, { relaxed: true }) ?? String(thrown);
      } catch {
        message = String(thrown);
      }
    }
    if (thrown instanceof ReferenceError && /^(require|process|module|fetch|XMLHttpRequest|WebSocket|indexedDB|localStorage|window|document|self|global|Buffer)\b/.test(thrown.message)) {
      message += " (functions run isolated: no Node modules, npm packages, network, storage or DOM)";
    }
    const stack = typeof thrown?.stack === "string" ? thrown.stack : "";
    const at = new RegExp(`${escapeRegExp(sourceUrl(name))}:(\\d+):(\\d+)`).exec(stack);
    const userFrames = stack
      .split("\n")
      .filter((line: string, i: number) => i === 0 || line.includes(sourceUrl(name)))
      .join("\n");
    return failure(kind, message, at ? Number(at[1]) : undefined, at ? Number(at[2]) : undefined, userFrames || undefined, thrown?.code);
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
    runs.delete(state.id);
    const at = active.indexOf(state);
    if (at >= 0) active.splice(at, 1);
    for (const waiter of state.pending.values()) waiter.reject(new Error("this function call has already returned"));
    state.pending.clear();
    bridge.post({ t: "done", run: state.id, ...outcome });
  }

  function fail(state: any, kind: string, thrown: any): void {
    const { __failure, ...error } = describeThrown(kind, state.name, thrown);
    finish(state, { ok: false, error });
  }

  async function start(message: any): Promise<void> {
    const state = { id: message.run, name: message.name, pending: new Map(), nextCall: 1, done: false, logLines: 0 };
    runs.set(state.id, state);
    active.push(state);
    let exported: unknown;
    let args: unknown[];
    try {
      args = EJSON.parse(message.args, { relaxed: true });
      const snap = EJSON.parse(message.context, { relaxed: true });
      if (typeof snap.now === "number") clock.setNow(snap.now);
      const factory = compile(message.name, message.source);
      const module = { exports: undefined };
      exported = factory.call(undefined, undefined, module, contextApi.makeContext((op, payload) => rpc(state, op, payload), snap), makeConsole(() => state), utils);
    } catch (thrown) {
      return fail(state, "runtime", thrown);
    }
    if (typeof exported !== "function") {
      return fail(state, "invalid", failure("invalid", `function "${message.name}" must assign a function to exports (exports = function (...) { ... })`));
    }
    try {
      const result = await (exported as Function).apply(undefined, args);
      if (contextApi.isCursor(result)) throw new Error("a function cannot return a cursor; return cursor.toArray() instead");
      const value = result === undefined ? undefined : EJSON.stringify(result, { relaxed: false });
      finish(state, { ok: true, value });
    } catch (thrown) {
      fail(state, "runtime", thrown);
    }
  }

  bridge.onFault((reason, rejection) => {
    const innermost = active[active.length - 1];
    if (innermost) return fail(innermost, rejection ? "rejection" : "runtime", rejection && reason instanceof Error ? reason : reason);
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    bridge.post({ t: "fault", message: `${rejection ? "unhandled rejection" : "uncaught error"} after a function returned: ${text}` });
  });

  bridge.listen((message) => {
    if (message?.t === "run") void start(message);
    else if (message?.t === "reply") onReply(message);
  });

  const g = globalThis as any;
  const clock = parts.installGlobals(BSON);
  g.BSON = BSON;
  g.EJSON = EJSON;
  g.utils = utils;
  g.console = makeConsole(() => active[active.length - 1]);
  parts.lockdown(["BSON", "EJSON", "utils"]);
  bridge.post({ t: "ready" });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { nodeWorkerTransport } from "../../src/functions/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openBackend, type TestBackend } from "./_setup.ts";

let backend: TestBackend;
const TIMEOUT_MS = 400;

beforeAll(async () => {
  backend = await openBackend(
    {
      functions: {
        spin: { source: "exports = function () { while (true) {} };" },
        spinAsync: { source: "exports = async function () { await null; for (;;) {} };" },
        hang: { source: "exports = () => new Promise(() => {});" },
        exit: { source: "exports = function () { process.exit(1); };" },
        quick: { source: "exports = (x) => x;" },
        globals: {
          source: `exports = function () {
  const names = ["indexedDB", "require", "process", "fetch", "XMLHttpRequest", "WebSocket", "importScripts",
    "localStorage", "caches", "navigator", "Worker", "window", "document", "self", "global", "Buffer", "module"];
  const seen = {};
  for (const name of names) seen[name] = typeof globalThis[name];
  seen.viaFunction = typeof Function("return globalThis")().process;
  seen.free = typeof process + "," + typeof require + "," + typeof indexedDB;
  return seen;
};`,
        },
        dynamicImport: { source: "exports = async function () { return (await import('node:fs')).readFileSync; };" },
        sneakyImport: { source: "exports = async function () { return Function('return imp' + 'ort(\"node:fs\")')(); };" },
        sneakyEval: { source: "exports = async function () { return eval('imp' + 'ort(\"node:child_process\")'); };" },
        requireFs: { source: "exports = function () { return require('fs'); };" },
        pollute: { source: "exports = function () { globalThis.leak = 1; const seen = typeof leak; Array.prototype.sneaky = 1; return seen; };" },
        nested: { source: "exports = async () => context.functions.execute('spin');" },
      },
    },
    { timeoutMs: TIMEOUT_MS },
  );
});

afterAll(() => backend.close());

const call = (name: string, args: unknown[] = []) => backend.runtime.call(name, args, SYSTEM_CONTEXT);

describe("isolation", () => {
  it("an endless loop is stopped at the time limit and the backend carries on", async () => {
    const started = Date.now();
    await expect(call("spin")).rejects.toMatchObject({ code: "ExecutionTimeLimitExceeded", message: "execution time limit exceeded" });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
    expect(await call("quick", [7])).toBe(7);
  });

  it("async endless loops, promises that never settle and nested loops hit the limit too", async () => {
    const results = await Promise.allSettled([call("spinAsync"), call("hang"), call("nested"), call("quick", [1])]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as { code: string }).code))).toEqual([
      "ExecutionTimeLimitExceeded",
      "ExecutionTimeLimitExceeded",
      "ExecutionTimeLimitExceeded",
      1,
    ]);
  });

  it("the time limit is logged", async () => {
    const [entry] = await backend.app.log.query({ types: ["function"], status: "error", text: "function spin:" });
    expect(entry.details?.error).toMatchObject({ code: "ExecutionTimeLimitExceeded" });
  });

  it("process.exit() cannot take anything down", async () => {
    await expect(call("exit")).rejects.toMatchObject({ code: "FunctionExecutionError", message: expect.stringContaining("process is not defined") });
    expect(await call("quick", ["still here"])).toBe("still here");
  });

  it("function code sees no storage, network, Node or page globals", async () => {
    expect(await call("globals")).toEqual({
      indexedDB: "undefined",
      require: "undefined",
      process: "undefined",
      fetch: "undefined",
      XMLHttpRequest: "undefined",
      WebSocket: "undefined",
      importScripts: "undefined",
      localStorage: "undefined",
      caches: "undefined",
      navigator: "undefined",
      Worker: "undefined",
      window: "undefined",
      document: "undefined",
      self: "undefined",
      global: "undefined",
      Buffer: "undefined",
      module: "undefined",
      viaFunction: "undefined",
      free: "undefined,undefined,undefined",
    });
  });

  it("modules cannot be loaded, also not through eval or the Function constructor", async () => {
    await expect(call("dynamicImport")).rejects.toMatchObject({ code: "FunctionSyntaxError", message: expect.stringContaining("import is not available") });
    await expect(call("sneakyImport")).rejects.toThrow("import is not available in functions");
    await expect(call("sneakyEval")).rejects.toThrow("import is not available in functions");
    await expect(call("requireFs")).rejects.toThrow(/require is not defined \(functions run isolated/);
  });

  it("runners are reused between calls and replaced after a time-out", async () => {
    expect(backend.runtime.transportKind).toBe("node-worker");
    await call("quick", [1]);
    await Promise.all([call("quick", [1]), call("quick", [2]), call("quick", [3])]);
    expect(backend.runtime.runnerCount).toBeLessThanOrEqual(3);
    await expect(call("spin")).rejects.toMatchObject({ code: "ExecutionTimeLimitExceeded" });
    expect(await call("quick", [4])).toBe(4);
    // Built-ins are frozen: the attempt fails, and the runner stays fit for reuse.
    await expect(call("pollute")).rejects.toMatchObject({ message: expect.stringContaining("Cannot add property sneaky, object is not extensible") });
    expect(await call("quick", [5])).toBe(5);
  });

  it("a runner that dies (out of memory) fails its call, and a fresh one takes over", async () => {
    const small = await openBackend(
      {
        functions: {
          hog: { source: "exports = () => { const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); };" },
          quick: { source: "exports = (x) => x;" },
        },
      },
      { runner: nodeWorkerTransport({ maxHeapMb: 16 }), timeoutMs: 20_000 },
    );
    try {
      await expect(small.runtime.call("hog", [], SYSTEM_CONTEXT)).rejects.toMatchObject({
        code: "FunctionExecutionError",
        message: expect.stringMatching(/^execution memory limit exceeded: the function runner stopped: .*memory/),
      });
      expect(await small.runtime.call("quick", ["alive"], SYSTEM_CONTEXT)).toBe("alive");
    } finally {
      await small.close();
    }
  });
});

/**
 * Function call figures, from three workers:
 * - raw: a worker thread that calls a precompiled function, with no isolation at all;
 * - raw isolated: the same after `lockdown()`, evaluating the function in a fresh
 *   Compartment for each call, which is what isolation costs at the least;
 * - the function runtime: identity, the runner (a Compartment per call with its own
 *   context, console and timers, metered buffers), EJSON both ways, the log entry.
 * Per-call times are medians of single calls, so one slow call does not move them.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";

import { IDBFactory, IDBKeyRange } from "fake-indexeddb";

import type { FunctionRuntime } from "../src/functions/index.ts";
import { createSandbox } from "../src/index.ts";
import { SYSTEM_CONTEXT } from "../src/services/request-context.ts";
import type { BenchResult } from "./harness.ts";

const CALLS = 400;
const WARMUP = 50;

const SOURCES = {
  echo: "exports = (doc) => doc;",
  // Globals in a hot loop: the cost of scope lookups in the isolated code.
  loop: "exports = (n) => { let s = 0; for (let i = 0; i < n; i++) s += Math.floor(i / 3) % 7; return s; };",
} as const;

/** Median and 90th percentile of `calls` single calls, after `warmup` untimed ones. */
async function perCall(fn: () => Promise<unknown>, calls = CALLS, warmup = WARMUP): Promise<{ median: number; p90: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(calls / 2)], p90: times[Math.floor(calls * 0.9)] };
}

/**
 * A bare worker thread that runs the functions: precompiled, or (isolated) compiled in
 * a fresh Compartment for every call after `lockdown()`.
 */
function rawWorker(isolated: boolean): { call(name: string, args: unknown[]): Promise<unknown>; close(): Promise<number> } {
  const ses = isolated ? readFileSync(join(dirname(createRequire(import.meta.url).resolve("ses")), "ses.umd.min.js"), "utf8") : "";
  const script = `
const { parentPort } = require("node:worker_threads");
const sources = ${JSON.stringify(SOURCES)};
const isolated = ${isolated};
if (isolated) {
${ses}
  lockdown({ errorTaming: "safe", overrideTaming: "severe", localeTaming: "unsafe", consoleTaming: "unsafe", errorTrapping: "none", unhandledRejectionTrapping: "none", reporting: "none" });
}
const compile = (source) => {
  const text = "(function (exports) {" + source + "\\n;return exports;\\n})";
  if (!isolated) return new Function("return " + text)()(undefined);
  const compartment = new Compartment({ __options__: true, globals: { Math } });
  return compartment.evaluate(text)(undefined);
};
const fns = {};
for (const [name, source] of Object.entries(sources)) fns[name] = compile(source);
parentPort.on("message", ({ id, name, args }) => {
  const fn = isolated ? compile(sources[name]) : fns[name];
  const value = fn(...JSON.parse(args));
  parentPort.postMessage({ id, value: JSON.stringify(value) });
});`;
  const worker = new Worker(script, { eval: true });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 0;
  worker.on("message", ({ id, value }: { id: number; value: string }) => {
    waiting.get(id)?.(JSON.parse(value));
    waiting.delete(id);
  });
  return {
    call: (name, args) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        worker.postMessage({ id, name, args: JSON.stringify(args) });
      }),
    close: () => worker.terminate(),
  };
}

export async function run(): Promise<BenchResult[]> {
  const sandbox = await createSandbox({ indexedDB: new IDBFactory(), IDBKeyRange, databaseName: "bench-functions" });
  const files = await sandbox.exportApp();
  files["functions/config.json"] = JSON.stringify(Object.keys(SOURCES).map((name) => ({ name, private: false })));
  for (const [name, source] of Object.entries(SOURCES)) files[`functions/${name}.js`] = source;
  await sandbox.importApp(files);
  const runtime = sandbox.app.functions as FunctionRuntime;
  const raw = rawWorker(false);
  const rawIsolated = rawWorker(true);
  const doc = { name: "task", status: "Open", tags: ["a", "b"], n: 3 };
  const LOOP = 5_000_000;
  const ms = (figure: { median: number; p90: number }) => `median ${figure.median.toFixed(3)} ms, p90 ${figure.p90.toFixed(3)} ms`;
  try {
    const rawEcho = await perCall(() => raw.call("echo", [doc]));
    const isolatedEcho = await perCall(() => rawIsolated.call("echo", [doc]));
    const echo = await perCall(() => runtime.call("echo", [doc], SYSTEM_CONTEXT));
    const rawLoop = await perCall(() => raw.call("loop", [LOOP]), 15, 3);
    const loop = await perCall(() => runtime.call("loop", [LOOP], SYSTEM_CONTEXT), 15, 3);
    if ((await runtime.call("loop", [LOOP], SYSTEM_CONTEXT)) !== (await raw.call("loop", [LOOP]))) throw new Error("the loop function disagrees");
    return [
      {
        name: "functions: one call (echo) vs a raw isolated worker call",
        baselineMs: isolatedEcho.median,
        measuredMs: echo.median,
        goal: 8,
        notes: `per call through the runtime: ${ms(echo)}; raw isolated worker: ${ms(isolatedEcho)}; ${CALLS} calls`,
      },
      {
        name: "functions: a Compartment per call vs none (raw workers)",
        baselineMs: rawEcho.median,
        measuredMs: isolatedEcho.median,
        goal: 8,
        notes: `raw worker, no isolation: ${ms(rawEcho)}`,
      },
      {
        name: `functions: ${LOOP.toLocaleString("en")} Math.floor calls in a loop vs raw worker`,
        baselineMs: rawLoop.median,
        measuredMs: loop.median,
        goal: 2,
        notes: "global lookups inside isolated code cost as much as outside; each call compiles its code anew, so it also pays for warming up",
      },
    ];
  } finally {
    await raw.close();
    await rawIsolated.close();
    await sandbox.close();
  }
}

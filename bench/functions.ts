/**
 * Function call figures: one call through the function runtime (identity, isolated
 * runner, a fresh compartment per call, EJSON both ways, the log entry) against a raw
 * worker-thread round trip that calls a precompiled function with no isolation at all.
 * Per-call times are medians of single calls, so one slow call does not move them.
 */
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

/** A bare worker thread that runs precompiled functions: the transport with nothing around it. */
function rawWorker(): { call(name: string, args: unknown[]): Promise<unknown>; close(): Promise<number> } {
  const script = `
const { parentPort } = require("node:worker_threads");
const sources = ${JSON.stringify(SOURCES)};
const fns = {};
for (const [name, source] of Object.entries(sources)) {
  const module = { exports: undefined };
  fns[name] = new Function("exports", "module", source + "\\n;return exports;")(undefined, module);
}
parentPort.on("message", ({ id, name, args }) => {
  const value = fns[name](...JSON.parse(args));
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
  const raw = rawWorker();
  const doc = { name: "task", status: "Open", tags: ["a", "b"], n: 3 };
  const LOOP = 1_000_000;
  try {
    const rawEcho = await perCall(() => raw.call("echo", [doc]));
    const echo = await perCall(() => runtime.call("echo", [doc], SYSTEM_CONTEXT));
    const rawLoop = await perCall(() => raw.call("loop", [LOOP]), 15, 3);
    const loop = await perCall(() => runtime.call("loop", [LOOP], SYSTEM_CONTEXT), 15, 3);
    if ((await runtime.call("loop", [LOOP], SYSTEM_CONTEXT)) !== (await raw.call("loop", [LOOP]))) throw new Error("the loop function disagrees");
    return [
      {
        name: "functions: one call (echo) vs a raw worker round trip",
        baselineMs: rawEcho.median,
        measuredMs: echo.median,
        goal: 12,
        notes: `per call: median ${echo.median.toFixed(3)} ms, p90 ${echo.p90.toFixed(3)} ms (raw worker: median ${rawEcho.median.toFixed(3)} ms); ${CALLS} calls`,
      },
      {
        name: `functions: ${LOOP.toLocaleString("en")} Math.floor calls in a loop vs raw worker`,
        baselineMs: rawLoop.median,
        measuredMs: loop.median,
        goal: 2,
        notes: "global lookups inside isolated code cost the same as outside",
      },
    ];
  } finally {
    await raw.close();
    await sandbox.close();
  }
}

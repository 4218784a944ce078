import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { resolveObjectURL } from "node:buffer";
import { Worker as NodeWorker } from "node:worker_threads";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { formatJson } from "../../src/config/json.ts";
import {
  browserWorkerTransport,
  defaultRunnerTransport,
  nodeWorkerTransport,
  type FunctionRuntime,
  type RunnerTransport,
} from "../../src/functions/index.ts";
import { createSandbox } from "../../src/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { freshIndexedDB } from "../helpers/idb.ts";
import { appFiles, openBackend, type TestBackend } from "./_setup.ts";

const bsonBundle = join(dirname(createRequire(import.meta.url).resolve("bson")), "bson.bundle.js");

/**
 * Just enough of a browser's dedicated-worker scope, on a Node worker thread, to run
 * the browser runner script as a browser would: `self`, `postMessage`, message/error
 * events and `importScripts` (of file: URLs).
 */
const BROWSER_SCOPE_SHIM = `
const { parentPort } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const proc = process;
const listeners = {};
globalThis.self = globalThis;
globalThis.postMessage = (message) => parentPort.postMessage(message);
globalThis.addEventListener = (type, listener) => (listeners[type] ??= []).push(listener);
const dispatch = (type, event) => (listeners[type] ?? []).forEach((listener) => listener(event));
parentPort.on("message", (data) => dispatch("message", { data }));
proc.on("unhandledRejection", (reason) => dispatch("unhandledrejection", { reason, preventDefault() {} }));
proc.on("uncaughtException", (error) => dispatch("error", { error, message: error.message, preventDefault() {} }));
globalThis.importScripts = (url) => (0, eval)(readFileSync(new URL(url), "utf8"));
delete globalThis.Buffer;
`;

/** A stand-in for the browser's Worker constructor that runs Blob-URL scripts on worker threads. */
class FakeBrowserWorker {
  static started = 0;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
  private readonly thread: Promise<NodeWorker>;

  constructor(url: string) {
    FakeBrowserWorker.started++;
    this.thread = resolveObjectURL(url)!
      .text()
      .then((script) => {
        const thread = new NodeWorker(BROWSER_SCOPE_SHIM + script, { eval: true });
        thread.unref();
        thread.on("message", (data) => this.onmessage?.({ data }));
        thread.on("error", (error) => this.onerror?.({ message: error.message, preventDefault() {} }));
        return thread;
      });
  }

  postMessage(message: unknown): void {
    void this.thread.then((t) => t.postMessage(message));
  }

  terminate(): void {
    void this.thread.then((t) => t.terminate());
  }
}

describe("runner transports", () => {
  it("Node gets worker threads by default", () => {
    expect(defaultRunnerTransport().kind).toBe("node-worker");
  });

  describe("the browser transport (Blob-URL Worker), on a simulated worker scope", () => {
    let backend: TestBackend;
    const g = globalThis as { Worker?: unknown };

    afterEach(() => {
      delete g.Worker;
    });
    afterAll(() => backend?.close());

    it("runs functions, hides the worker's own globals and stops endless loops", async () => {
      g.Worker = FakeBrowserWorker;
      expect(defaultRunnerTransport().kind).toBe("browser-worker");
      const runner = browserWorkerTransport({ bsonScriptUrl: pathToFileURL(bsonBundle) });
      backend = await openBackend(
        {
          functions: {
            add: { source: "exports = (a, b) => ({ sum: a + b, id: new BSON.ObjectId('5f1b2c3d4e5f60718293a4b5') });" },
            scope: {
              source:
                "exports = () => [typeof self, typeof postMessage, typeof importScripts, typeof BSON.ObjectId];",
            },
            write: { source: "exports = () => context.services.get('mongodb-atlas').db('d').collection('c').insertOne({ _id: 1 });" },
            spin: { source: "exports = () => { for (;;) {} };" },
          },
        },
        { runner, timeoutMs: 300 },
      );
      expect(backend.runtime.transportKind).toBe("browser-worker");
      const call = (name: string, args: unknown[] = []) => backend.runtime.call(name, args, SYSTEM_CONTEXT);
      expect(await call("add", [2, 3])).toMatchObject({ sum: 5 });
      expect(await call("scope")).toEqual(["undefined", "undefined", "undefined", "function"]);
      expect(await call("write")).toEqual({ insertedId: 1 });
      await expect(call("spin")).rejects.toMatchObject({ code: "ExecutionTimeLimitExceeded" });
      expect(await call("add", [1, 1])).toMatchObject({ sum: 2 });
    });
  });

  it("createSandbox takes an injected runner and the time limit", async () => {
    const inner = nodeWorkerTransport();
    let spawned = 0;
    const counting: RunnerTransport = { kind: "counting", spawn: (handlers) => (spawned++, inner.spawn(handlers)) };
    const sandbox = await createSandbox({ ...freshIndexedDB(), functionRunner: counting, functionTimeoutMs: 1234, databaseName: "transport-test" });
    try {
      const files = appFiles({ functions: { hello: { source: "exports = (name) => `hello ${name}`;" } } });
      files["realm_config.json"] = formatJson({ ...JSON.parse(files["realm_config.json"]), app_id: sandbox.appId });
      await sandbox.importApp(files);
      const runtime = sandbox.app.functions as FunctionRuntime;
      expect(runtime.transportKind).toBe("counting");
      expect(runtime.timeoutMs).toBe(1234);
      expect(await runtime.call("hello", ["ada"], SYSTEM_CONTEXT)).toBe("hello ada");
      expect(await runtime.call("hello", ["bob"], SYSTEM_CONTEXT)).toBe("hello bob");
      expect(spawned).toBe(1);
    } finally {
      await sandbox.close();
    }
    expect((sandbox.app.functions as FunctionRuntime).runnerCount).toBe(0);
  });
});

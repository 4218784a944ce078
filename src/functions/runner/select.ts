import { browserWorkerTransport } from "./browser-transport.ts";
import { nodeWorkerTransport } from "./node-transport.ts";
import type { RunnerTransport } from "./protocol.ts";

/** Browsers (and runtimes with web Workers) get Blob-URL workers; Node gets worker threads. */
export function defaultRunnerTransport(): RunnerTransport {
  const g = globalThis as { Worker?: unknown; Blob?: unknown; process?: { versions?: { node?: string } } };
  if (typeof g.Worker === "function" && typeof g.Blob === "function" && typeof URL.createObjectURL === "function") {
    return browserWorkerTransport();
  }
  if (g.process?.versions?.node) return nodeWorkerTransport();
  return {
    kind: "unavailable",
    spawn: () => Promise.reject(new Error("this environment has no worker support to run functions in isolation")),
  };
}

import type { RunnerHandlers, RunnerMessage, RunnerPort, RunnerTransport } from "./protocol.ts";
import { DEFAULT_MEMORY_LIMIT_MB } from "./protocol.ts";

export interface NodeWorkerOptions {
  /** Heap limit per runner; past it the runner dies alone. Default 256 (App Services allowed 256 MB). */
  maxHeapMb?: number;
  /** Buffer memory (outside the heap) a call tree may hold; past it the call fails. Default 256. */
  memoryLimitMb?: number;
}

interface NodeWorker {
  on(event: "message", listener: (message: RunnerMessage) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  on(event: "exit", listener: (code: number) => void): void;
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  unref(): void;
}

type NodeWorkerConstructor = new (
  source: string,
  options: { eval: true; resourceLimits?: { maxOldGenerationSizeMb?: number }; stdout?: boolean; stderr?: boolean },
) => NodeWorker;

/**
 * Runners as Node worker threads. Node modules are loaded through specifiers held in
 * variables so that bundlers leave them alone and the browser build never sees them.
 */
export function nodeWorkerTransport(options: NodeWorkerOptions = {}): RunnerTransport {
  let loading: Promise<{ Worker: NodeWorkerConstructor; source: string }> | undefined;
  const load = async () => {
    const specifiers = ["node:worker_threads", "node:module", "node:fs/promises", "node:path"];
    const [threads, moduleApi, fs, path] = await Promise.all(specifiers.map((s) => import(/* @vite-ignore */ s)));
    const { nodeRunnerSource } = await import("./source.ts");
    const require = moduleApi.createRequire(import.meta.url);
    const bsonMain: string = require.resolve("bson");
    // ses resolves to dist/ses.cjs; its self-installing script sits next to it.
    const sesMain: string = require.resolve("ses");
    const [bundle, ses]: string[] = await Promise.all([
      fs.readFile(path.join(path.dirname(bsonMain), "bson.bundle.js"), "utf8"),
      fs.readFile(path.join(path.dirname(sesMain), "ses.umd.min.js"), "utf8"),
    ]);
    const source = nodeRunnerSource(ses, bundle, { memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB });
    return { Worker: threads.Worker as NodeWorkerConstructor, source };
  };

  return {
    kind: "node-worker",
    async spawn(handlers: RunnerHandlers): Promise<RunnerPort> {
      const { Worker, source } = await (loading ??= load().catch((error) => {
        loading = undefined;
        throw error;
      }));
      const worker = new Worker(source, { eval: true, resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 256 } });
      // Idle runners must not keep a test run or a CLI process alive.
      worker.unref();
      return new Promise<RunnerPort>((resolve, reject) => {
        let ready = false;
        let exited = false;
        const port: RunnerPort = {
          post: (message) => {
            if (!exited) worker.postMessage(message);
          },
          terminate: () => {
            exited = true;
            void worker.terminate();
          },
        };
        const stop = (reason: string) => {
          if (!ready) reject(new Error(`function runner failed to start: ${reason}`));
          else if (!exited) handlers.onExit(reason);
          exited = true;
        };
        worker.on("message", (message) => {
          if (ready) handlers.onMessage(message);
          else if (message?.t === "ready") {
            ready = true;
            resolve(port);
          }
        });
        worker.on("error", (error) => stop(error.message));
        worker.on("exit", (code) => stop(`the runner exited (code ${code})`));
      });
    },
  };
}

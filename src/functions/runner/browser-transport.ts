import { DEFAULT_MEMORY_LIMIT_MB, type RunnerHandlers, type RunnerPort, type RunnerTransport } from "./protocol.ts";

export interface BrowserWorkerOptions {
  /**
   * Where runners load the bson browser bundle (`bson/lib/bson.bundle.js`) from. The
   * default points into node_modules relative to this module, which Vite copies into
   * the build as an asset.
   */
  bsonScriptUrl?: string | URL;
  /** Where runners load the `ses` shim (`ses/dist/ses.umd.min.js`) from; the default works as bson's does. */
  sesScriptUrl?: string | URL;
  /** Buffer memory a call tree may hold; past it the call fails. Default 256. */
  memoryLimitMb?: number;
}

function defaultBsonScriptUrl(): string {
  return new URL("../../../node_modules/bson/lib/bson.bundle.js", import.meta.url).href;
}

function defaultSesScriptUrl(): string {
  return new URL("../../../node_modules/ses/dist/ses.umd.min.js", import.meta.url).href;
}

/**
 * Runners as dedicated Workers started from a Blob URL of the runner script: off the
 * main thread, with their own (locked-down) global scope. The runner's code loads with
 * the first runner, not with the backend.
 */
export function browserWorkerTransport(options: BrowserWorkerOptions = {}): RunnerTransport {
  let scriptUrl: Promise<string> | undefined;
  const script = () =>
    (scriptUrl ??= import("./source.ts").then(({ browserRunnerSource }) => {
      const source = browserRunnerSource(String(options.sesScriptUrl ?? defaultSesScriptUrl()), String(options.bsonScriptUrl ?? defaultBsonScriptUrl()), {
        memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
      });
      return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    }));

  return {
    kind: "browser-worker",
    async spawn(handlers: RunnerHandlers): Promise<RunnerPort> {
      const worker = new Worker(await script(), { name: "realm-sandbox-function" });
      return new Promise<RunnerPort>((resolve, reject) => {
        let ready = false;
        let stopped = false;
        const port: RunnerPort = {
          post: (message) => {
            if (!stopped) worker.postMessage(message);
          },
          terminate: () => {
            stopped = true;
            worker.terminate();
          },
        };
        worker.onmessage = (event: MessageEvent) => {
          if (ready) handlers.onMessage(event.data);
          else if (event.data?.t === "ready") {
            ready = true;
            resolve(port);
          }
        };
        // The runner handles its own errors; one reaching here means it cannot go on.
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          const reason = event.message || "the runner stopped";
          worker.terminate();
          if (!ready) reject(new Error(`function runner failed to start: ${reason}`));
          else if (!stopped) handlers.onExit(reason);
          stopped = true;
        };
      });
    },
  };
}

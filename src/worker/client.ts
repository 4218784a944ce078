/** The page's end of the backend: starts this tab's Worker and calls it. */
import { Calls } from "./calls.ts";
import type { BackendConfig, BackendEvent, BackendStatus, LeaderPortMessage, PageMessage, WorkerMessage } from "./protocol.ts";

export type BackendListener = (event: BackendEvent) => void;

export class BackendClient {
  private readonly worker: Worker;
  private readonly calls: Calls;
  private readonly listeners = new Set<BackendListener>();

  constructor(config: BackendConfig) {
    this.worker = new Worker(new URL("./backend.worker.ts", import.meta.url), { type: "module", name: "realm-sandbox-backend" });
    this.calls = new Calls((message, transfer) => this.send(message, transfer));
    this.worker.addEventListener("message", (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.kind === "event") for (const listener of this.listeners) listener(message.event);
      else if (message.kind === "service-worker-port") passToServiceWorker(message.leader, message.port);
      else this.calls.accept(message);
    });
    this.worker.addEventListener("error", (event) => {
      const error = new Error(`the backend worker failed: ${event.message || "it could not be loaded"}`);
      this.calls.failAll(error);
      for (const listener of this.listeners) listener({ type: "status", status: failedStatus(config, error.message) });
    });
    this.send({ kind: "init", config });
  }

  /** The client HTTP API, as the service worker would answer it. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    return this.calls.fetch(input instanceof Request && !init ? input : new Request(input, init));
  }

  /** The console's API (`/api/admin/v3.0/groups/sandbox/apps/…`), answered by the backend only, never by the service worker. */
  admin(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    return this.calls.fetch(input instanceof Request && !init ? input : new Request(input, init), "admin");
  }

  status(): Promise<BackendStatus> {
    return this.calls.call({ op: "status" });
  }

  exportSandbox(): Promise<string> {
    return this.calls.call({ op: "export" });
  }

  importSandbox(text: string): Promise<BackendStatus> {
    return this.calls.call({ op: "import", text });
  }

  reset(): Promise<BackendStatus> {
    return this.calls.call({ op: "reset" });
  }

  subscribe(listener: BackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(message: PageMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

/** Hands the leading Worker's direct channel to the service worker, which only a page can post to. */
function passToServiceWorker(leader: string, port: MessagePort): void {
  const message: LeaderPortMessage = { kind: "leader-port", leader };
  void navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage(message, [port]));
}

function failedStatus(config: BackendConfig, message: string): BackendStatus {
  return {
    state: "failed",
    appId: config.appId,
    databaseName: "",
    storage: "indexeddb",
    collections: [],
    problems: [{ kind: "open-failed", message }],
  };
}

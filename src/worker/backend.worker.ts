/** The backend Worker: one per tab; see coordinator.ts for how the tabs share one backend. */
import { loadRegexEngine } from "../core/linear-regexp.ts";
import { BackendCoordinator, type Bus } from "./coordinator.ts";
import { BackendHost } from "./host.ts";
import { databaseNameFor, sandboxKey, type PageMessage, type WorkerMessage } from "./protocol.ts";
import type { StorageFactory } from "./storage-probe.ts";

interface WorkerScope {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<PageMessage>) => void): void;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  navigator: { locks?: LockManager };
}

const scope = self as unknown as WorkerScope;
let coordinator: BackendCoordinator | undefined;

scope.addEventListener("message", (event) => {
  const message = event.data;
  if (message.kind !== "init") return coordinator?.fromPage(message);
  if (coordinator) return;
  // Fetched while this Worker waits for its lock and looks at the database; the backend opens
  // once it is here. (Asked here, not while the module evaluates: an import() made by a
  // module's top level has the browser's tools describe that whole module, costing milliseconds.)
  void loadRegexEngine().catch(() => undefined);
  const { config } = message;
  const bus = new BroadcastChannel(sandboxKey(config.basePath)) as unknown as Bus;
  const storage: StorageFactory | undefined =
    scope.indexedDB && scope.IDBKeyRange ? { indexedDB: scope.indexedDB, IDBKeyRange: scope.IDBKeyRange } : undefined;
  coordinator = new BackendCoordinator({
    id: crypto.randomUUID(),
    config,
    bus,
    locks: scope.navigator.locks,
    toPage: (reply, transfer) => scope.postMessage(reply, transfer ?? []),
    createHost: (problems) =>
      new BackendHost({
        appId: config.appId,
        template: config.template,
        databaseName: databaseNameFor(config.basePath, config.appId),
        databasePrefix: `${sandboxKey(config.basePath)}:`,
        storage,
        problems,
        memoryStorage: async () => {
          const memory = await import("fake-indexeddb");
          return { indexedDB: new memory.IDBFactory(), IDBKeyRange: memory.IDBKeyRange };
        },
      }),
  });
});

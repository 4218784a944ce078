/**
 * Owns the running sandbox of one tab that leads: opens it over IndexedDB (or memory
 * when IndexedDB is unavailable), reports its status and problems, and replaces it on
 * import and reset. Runs the same in a Worker and in Node tests.
 */
import type { TemplateName } from "../app/templates/index.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { loadRegexEngine } from "../core/linear-regexp.ts";
import { preparePasswordHashing } from "../auth/passwords.ts";
import { createSandbox, type Sandbox } from "../index.ts";
import { prepareGraphQL } from "../protocol/graphql-route.ts";
import { errorResponse } from "../protocol/error-response.ts";
import { SandboxDatabase } from "../storage/database.ts";
import type { BackendStatus, Problem } from "./protocol.ts";
import { deleteDatabase, inspectDatabase, type StorageFactory } from "./storage-probe.ts";

export interface HostOptions {
  appId: string;
  databaseName: string;
  /** Names the databases of the other apps of this sandbox (see createSandbox). */
  databasePrefix?: string;
  template: TemplateName;
  /** IndexedDB to use; undefined when the environment has none. */
  storage: StorageFactory | undefined;
  /** An in-memory IndexedDB, loaded only when the real one is unavailable. */
  memoryStorage: () => Promise<StorageFactory>;
  now?: () => number;
  /** Debounce for change notifications, ms. */
  notifyDelay?: number;
  /** Problems of the environment that no reset changes (e.g. no Web Locks). */
  problems?: Problem[];
}

/**
 * How long after the backend is ready (and after each deploy) the parts loaded on first
 * use are prepared anyway: long enough for the page's first requests to go first.
 */
const PREPARE_DELAY_MS = 50;

/** Export and import load when first used: starting the backend does not need them. */
const snapshots = () => import("../app/snapshot.ts");

type Opened = { sandbox: Sandbox; unsubscribe: () => void } | { failure: AppServicesError };

export class BackendHost {
  private current: Promise<Opened>;
  /** Serializes open, import and reset; requests wait for the sandbox they will use. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private storageKind: BackendStatus["storage"] = "indexeddb";
  private memory: StorageFactory | undefined;
  private readonly problems = new Map<Problem["kind"], Problem>();
  private readonly listeners = new Set<() => void>();
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private prepareTimer: ReturnType<typeof setTimeout> | undefined;
  private state: BackendStatus["state"] = "starting";

  constructor(private readonly options: HostOptions) {
    this.current = this.enqueue(() => this.open());
  }

  /** Resolves once the first open finished, successfully or not. */
  async ready(): Promise<void> {
    await this.current;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async fetch(request: Request): Promise<Response> {
    const opened = await this.current;
    if ("failure" in opened) return errorResponse(opened.failure, this.options.appId);
    const response = await opened.sandbox.fetch(request);
    if (response.status >= 400) this.noticeQuota(response);
    return response;
  }

  /** The console's API of the sandbox (see `Sandbox.admin`). */
  async admin(request: Request): Promise<Response> {
    const opened = await this.current;
    if ("failure" in opened) return errorResponse(opened.failure);
    const response = await opened.sandbox.admin(request);
    if (response.status >= 400) this.noticeQuota(response);
    return response;
  }

  async status(): Promise<BackendStatus> {
    const opened = await this.current;
    const base: BackendStatus = {
      state: this.state,
      appId: this.options.appId,
      databaseName: this.options.databaseName,
      storage: this.storageKind,
      collections: [],
      problems: [...(this.options.problems ?? []), ...this.problems.values()],
    };
    if ("failure" in opened) return base;
    const { app } = opened.sandbox;
    const latest = app.history[0];
    const namespaces = new Set([...app.deployed.collections.map((c) => c.namespace), ...(await app.store.namespaces())]);
    const collections = await Promise.all([...namespaces].sort().map(async (namespace) => ({ namespace, count: await app.store.count(namespace) })));
    return {
      ...base,
      collections,
      ...(latest ? { deployment: { id: latest._id, deployedAt: latest.deployed_at, origin: latest.origin } } : {}),
    };
  }

  async exportText(): Promise<string> {
    const opened = await this.current;
    if ("failure" in opened) throw opened.failure;
    const { exportSnapshot, snapshotText } = await snapshots();
    return snapshotText(await exportSnapshot(opened.sandbox.app));
  }

  /**
   * Replaces the whole sandbox with a snapshot. The file is checked first; if storing
   * it fails half-way, the previous state is put back from an in-memory copy.
   */
  async importText(text: string): Promise<void> {
    const { exportSnapshot, importSnapshot, parseSnapshot } = await snapshots();
    const snapshot = parseSnapshot(text);
    await this.replace(async (sandbox) => {
      const backup = await exportSnapshot(sandbox!.app);
      try {
        await importSnapshot(sandbox!.app, snapshot);
      } catch (error) {
        await importSnapshot(sandbox!.app, backup).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Deletes the database and starts again from the template. */
  async reset(): Promise<void> {
    await this.replace(async (sandbox) => {
      // Starting over removes the apps added beside the default one too.
      for (const app of (await sandbox?.apps.list()) ?? []) if (!app.isDefault) await sandbox!.apps.remove(app.appId);
      await sandbox?.close();
      const storage = this.storageKind === "memory" ? this.memory : this.options.storage;
      if (storage) await deleteDatabase(storage.indexedDB, this.options.databaseName);
      this.problems.clear();
    }, true);
  }

  async close(): Promise<void> {
    await this.enqueue(async () => {
      const opened = await this.current;
      if ("sandbox" in opened) await this.shut(opened);
    });
  }

  private replace(change: (sandbox: Sandbox | undefined) => Promise<void>, allowFailed = false): Promise<void> {
    return this.enqueue(async () => {
      const opened = await this.current;
      if ("failure" in opened && !allowFailed) throw opened.failure;
      // Requests arriving from now on wait for the new sandbox instead of using the old one.
      let reopened!: (next: Opened) => void;
      this.current = new Promise((resolve) => (reopened = resolve));
      const sandbox = "sandbox" in opened ? opened.sandbox : undefined;
      let failure: unknown;
      try {
        if ("sandbox" in opened) opened.unsubscribe();
        await change(sandbox);
      } catch (error) {
        failure = error;
      }
      await sandbox?.close().catch(() => undefined);
      this.state = "starting";
      reopened(await this.open());
      this.notify();
      if (failure) throw failure;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private async open(): Promise<Opened> {
    const { appId, databaseName, databasePrefix, template, now } = this.options;
    try {
      // The regular expression engine loads while the database is looked at (see linear-regexp.ts).
      const [storage] = await Promise.all([this.chooseStorage(), loadRegexEngine()]);
      // Without Web Locks every tab runs a backend on the same databases: none may trust what it read.
      const cacheReads = !this.options.problems?.some((problem) => problem.kind === "no-web-locks");
      const sandbox = await createSandbox({ appId, template, databaseName, databasePrefix, now, cacheReads, ...storage });
      const onChange = () => this.notify();
      const prepare = () => this.prepareWhenIdle(sandbox);
      const unsubscribers = [
        sandbox.app.store.subscribe(onChange),
        sandbox.app.onDeploy(onChange),
        sandbox.app.onDeploy(prepare),
        () => clearTimeout(this.prepareTimer),
      ];
      this.state = "ready";
      prepare();
      return { sandbox, unsubscribe: () => unsubscribers.forEach((off) => off()) };
    } catch (error) {
      const failure = error instanceof AppServicesError ? error : new AppServicesError("InternalServerError", (error as Error).message);
      if (!this.problems.has("newer-data")) this.problems.set("open-failed", { kind: "open-failed", message: `The backend could not start: ${failure.message}` });
      this.state = "failed";
      return { failure };
    }
  }

  /**
   * Loads graphql-js and builds the deployed schema, loads bcrypt and reads the app's
   * collections into memory, once the backend is idle, so the first GraphQL request, the
   * first login and the first reads do not wait for them.
   */
  private prepareWhenIdle(sandbox: Sandbox): void {
    clearTimeout(this.prepareTimer);
    this.prepareTimer = setTimeout(() => {
      void prepareGraphQL(sandbox.app)
        .then(preparePasswordHashing)
        .then(() => sandbox.app.store.warmUp())
        // Only a head start: the first request that needs them tries again and reports any error.
        .catch(() => undefined);
    }, PREPARE_DELAY_MS);
  }

  /** IndexedDB when it works and holds data this version can read; memory when it does not work. */
  private async chooseStorage(): Promise<StorageFactory> {
    const { databaseName } = this.options;
    const real = this.options.storage;
    const inspected = real ? await inspectDatabase(real.indexedDB, databaseName) : { available: false as const, reason: "this browser has no IndexedDB" };
    if (!inspected.available) {
      this.storageKind = "memory";
      this.problems.set("indexeddb-unavailable", {
        kind: "indexeddb-unavailable",
        message: `IndexedDB is unavailable (${inspected.reason}), as in some private windows. The sandbox runs in memory: everything works, but nothing is kept after this tab closes. Export the sandbox to keep your work.`,
      });
      return (this.memory ??= await this.options.memoryStorage());
    }
    this.storageKind = "indexeddb";
    const supported = Math.round(new SandboxDatabase(databaseName, real).verno * 10);
    if (inspected.version !== undefined && inspected.version > supported) {
      const message = `This sandbox's data was saved by a newer version of Realm Sandbox (data version ${inspected.version}; this version reads up to ${supported}). Nothing was changed: reload to get the newer version, or reset to start over.`;
      this.problems.set("newer-data", { kind: "newer-data", message });
      throw new AppServicesError("InternalServerError", message);
    }
    return real!;
  }

  private async shut(opened: Extract<Opened, { sandbox: Sandbox }>): Promise<void> {
    opened.unsubscribe();
    await opened.sandbox.close();
  }

  /** A write refused for lack of space fails with a clear message; the status view keeps showing it. */
  private noticeQuota(response: Response): void {
    if (!response.headers.get("content-type")?.includes("json")) return;
    void response
      .clone()
      .text()
      .then((text) => {
        if (!/quota exceeded/i.test(text)) return;
        this.problems.set("quota-exceeded", {
          kind: "quota-exceeded",
          message: "The browser's storage quota is exhausted: the last write was refused and nothing else was lost. Free space (delete collections, export and reset) or allow this site more storage.",
        });
        this.notify();
      })
      .catch(() => undefined);
  }

  private notify(): void {
    if (this.notifyTimer !== undefined) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      for (const listener of this.listeners) listener();
    }, this.options.notifyDelay ?? 50);
  }
}

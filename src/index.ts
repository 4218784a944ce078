/**
 * The public entry: a complete App Services backend in one object. Loads in plain Node
 * (pass fake-indexeddb) and in browsers (real IndexedDB by default).
 */
import { SandboxApp } from "./app/app.ts";
import type { AppFiles } from "./app/config/types.ts";
import type { TemplateName } from "./app/templates/index.ts";
import { createRequestHandler } from "./protocol/handler.ts";

export interface SandboxOptions {
  /** Default "tasktracker-sandbox". */
  appId?: string;
  /** Seeds a new database only; default "blank". */
  template?: TemplateName;
  /** Default globalThis.indexedDB. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Default derived from appId. */
  databaseName?: string;
  /** Clock, ms since epoch. */
  now?: () => number;
}

export interface Sandbox {
  readonly appId: string;
  /** The client HTTP API (realm-web's `fetch` option, GraphQL clients). Any host is accepted. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Validates an exported app directory, loads it into the draft and deploys it. */
  importApp(files: Record<string, string>): Promise<void>;
  exportApp(): Promise<Record<string, string>>;
  close(): Promise<void>;
  /** The running app, for the console and tests. */
  readonly app: SandboxApp;
}

export const DEFAULT_APP_ID = "tasktracker-sandbox";

export function defaultDatabaseName(appId: string): string {
  return `realm-sandbox:${appId}`;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const appId = options.appId ?? DEFAULT_APP_ID;
  const app = await SandboxApp.open({
    appId,
    template: options.template ?? "blank",
    databaseName: options.databaseName ?? defaultDatabaseName(appId),
    indexedDB: options.indexedDB,
    IDBKeyRange: options.IDBKeyRange,
    now: options.now,
  });
  const handle = createRequestHandler(app);
  return {
    appId,
    app,
    fetch: (input, init) => handle(input instanceof Request && !init ? input : new Request(input, init)),
    importApp: async (files: AppFiles) => void (await app.importApp(files)),
    exportApp: async () => app.exportApp(),
    close: () => app.close(),
  };
}

export { AppServicesError } from "./core/app-services-error.ts";
export type { SandboxApp } from "./app/app.ts";

/**
 * The public entry: a complete App Services backend in one object. Loads in plain Node
 * (pass fake-indexeddb) and in browsers (real IndexedDB by default).
 */
import type { SandboxApp } from "./app/app.ts";
import type { AppFiles, ImportNote } from "./config/types.ts";
import type { TemplateName } from "./app/templates/index.ts";
import type { AuthService, RandomBytes } from "./auth/index.ts";
import type { RunnerTransport } from "./functions/index.ts";
import { AppServicesError } from "./core/app-services-error.ts";
import { loadRegexEngine } from "./core/linear-regexp.ts";
import { errorResponse } from "./protocol/error-response.ts";
import type { AdminHandler } from "./admin/router.ts";
import { SandboxApps, type ImportAppOptions } from "./sandbox/apps.ts";
import { openHostedApp } from "./sandbox/hosted-app.ts";
import { AppRegistry } from "./sandbox/registry.ts";

export interface SandboxOptions {
  /** Default "tasktracker-sandbox". */
  appId?: string;
  /** Seeds a new database only; default "blank". */
  template?: TemplateName;
  /** Default globalThis.indexedDB. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Keep documents read in memory for later reads; default true. False where another backend writes the same databases. */
  cacheReads?: boolean;
  /** The default app's database; default `databasePrefix` + appId. */
  databaseName?: string;
  /**
   * Names every database of this sandbox: `<prefix><appId>` per app, `<prefix>#apps` for
   * the list of apps. Default "realm-sandbox:"; the browser keys it by the site's path.
   */
  databasePrefix?: string;
  /** Clock, ms since epoch. */
  now?: () => number;
  /** bcrypt cost for password hashes; default 10 (tests use a low one, e.g. 4). */
  bcryptCost?: number;
  /** Randomness for user ids, session ids and tokens; default WebCrypto. */
  randomBytes?: RandomBytes;
  /** Time limit of one function call in ms; past it the call fails with ExecutionTimeLimitExceeded. Default 10000. */
  functionTimeoutMs?: number;
  /** Starts the isolated function runners; default worker threads in Node, Blob-URL Workers in browsers. */
  functionRunner?: RunnerTransport;
}

export interface Sandbox {
  readonly appId: string;
  /** The client HTTP API (realm-web's `fetch` option, GraphQL clients). Any host is accepted. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * Validates an exported app directory and deploys it as the default app. Returns the
   * import notes: normalizations made and parts kept but not run.
   */
  importApp(files: Record<string, string>, options?: ImportAppOptions): Promise<ImportNote[]>;
  exportApp(): Promise<Record<string, string>>;
  close(): Promise<void>;
  /** The running app, for the console and tests. */
  readonly app: SandboxApp;
  /** Users, sessions and pending email/password links, for the console and tests. */
  readonly auth: AuthService;
  /** Every app of this sandbox (the default one first): add, list, open and remove them. */
  readonly apps: SandboxApps;
  /**
   * The console's API (`/api/admin/v3.0/groups/sandbox/apps/…`, after the Admin API v3).
   * Separate from `fetch`, so client code never reaches it.
   */
  admin(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

export const DEFAULT_APP_ID = "tasktracker-sandbox";

export const DEFAULT_DATABASE_PREFIX = "realm-sandbox:";

export function defaultDatabaseName(appId: string, prefix = DEFAULT_DATABASE_PREFIX): string {
  return `${prefix}${appId}`;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const appId = options.appId ?? DEFAULT_APP_ID;
  const settings = {
    indexedDB: options.indexedDB,
    IDBKeyRange: options.IDBKeyRange,
    cacheReads: options.cacheReads,
    now: options.now,
    bcryptCost: options.bcryptCost,
    randomBytes: options.randomBytes,
    functionTimeoutMs: options.functionTimeoutMs,
    functionRunner: options.functionRunner,
  };
  const prefix = options.databasePrefix ?? DEFAULT_DATABASE_PREFIX;
  // Apps compile their schemas' patterns as they open: the engine must be here first.
  await loadRegexEngine();
  const main = await openHostedApp(appId, options.databaseName ?? defaultDatabaseName(appId, prefix), options.template ?? "blank", settings);
  // "#" cannot occur in an app id, so the list of apps never shares a name with an app.
  const registry = new AppRegistry(`${prefix}#apps`, settings);
  const apps = new SandboxApps(main, registry, settings, (id) => defaultDatabaseName(id, prefix));
  // The console's API loads with its first call: clients of the app never need it.
  let admin: Promise<AdminHandler> | undefined;
  const adminApi = () => (admin ??= import("./admin/routes.ts").then(({ adminHandler }) => adminHandler(apps)));
  return {
    appId,
    app: main.app,
    auth: main.auth,
    apps,
    fetch: async (input, init) => {
      let request: Request;
      try {
        request = input instanceof Request && !init ? input : new Request(input, init);
      } catch (error) {
        // A relative URL or a GET with a body: answer like a server would, not with a throw.
        return errorResponse(new AppServicesError("BadRequest", `invalid request: ${(error as Error).message}`), appId);
      }
      return apps.handle(request);
    },
    admin: async (input, init) => (await adminApi())(input instanceof Request && !init ? input : new Request(input, init)),
    importApp: async (files: AppFiles, importOptions) => (await main.app.importApp(files, importOptions)).notes,
    exportApp: async () => main.app.exportApp(),
    close: () => apps.close(),
  };
}

export { AppServicesError } from "./core/app-services-error.ts";
export type { SandboxApp } from "./app/app.ts";
export type { AuthService, PendingLink, UserSummary } from "./auth/index.ts";
export type { AppImport, AppSummary, CreateAppOptions, ImportAppOptions, SandboxApps } from "./sandbox/apps.ts";
export type { HostedApp } from "./sandbox/hosted-app.ts";
export type { ImportNote } from "./config/types.ts";

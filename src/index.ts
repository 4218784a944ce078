/**
 * The public entry: a complete App Services backend in one object. Loads in plain Node
 * (pass fake-indexeddb) and in browsers (real IndexedDB by default).
 */
import { SandboxApp } from "./app/app.ts";
import type { AppFiles } from "./config/types.ts";
import type { TemplateName } from "./app/templates/index.ts";
import { installAuth, type AuthService, type RandomBytes } from "./auth/index.ts";
import { installFunctions, type RunnerTransport } from "./functions/index.ts";
import { AppServicesError } from "./core/app-services-error.ts";
import { errorResponse } from "./protocol/error-response.ts";
import { createGraphQLRoute } from "./protocol/graphql-route.ts";
import { createRequestHandler } from "./protocol/handler.ts";
import { installTriggers } from "./triggers/index.ts";

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
  /** Validates an exported app directory, loads it into the draft and deploys it. */
  importApp(files: Record<string, string>): Promise<void>;
  exportApp(): Promise<Record<string, string>>;
  close(): Promise<void>;
  /** The running app, for the console and tests. */
  readonly app: SandboxApp;
  /** Users, sessions and pending email/password links, for the console and tests. */
  readonly auth: AuthService;
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
  const functions = installFunctions(app, { timeoutMs: options.functionTimeoutMs, runner: options.functionRunner });
  const triggers = installTriggers(app, functions);
  const auth = installAuth(app, { bcryptCost: options.bcryptCost, randomBytes: options.randomBytes });
  const handle = createRequestHandler(app, { auth, randomBytes: options.randomBytes, graphql: createGraphQLRoute(app) });
  return {
    appId,
    app,
    auth,
    fetch: async (input, init) => {
      let request: Request;
      try {
        request = input instanceof Request && !init ? input : new Request(input, init);
      } catch (error) {
        // A relative URL or a GET with a body: answer like a server would, not with a throw.
        return errorResponse(new AppServicesError("BadRequest", `invalid request: ${(error as Error).message}`), appId);
      }
      return handle(request);
    },
    importApp: async (files: AppFiles) => void (await app.importApp(files)),
    exportApp: async () => app.exportApp(),
    close: async () => {
      await triggers.close();
      functions.close();
      handle.close();
      return app.close();
    },
  };
}

export { AppServicesError } from "./core/app-services-error.ts";
export type { SandboxApp } from "./app/app.ts";
export type { AuthService, PendingLink, UserSummary } from "./auth/index.ts";

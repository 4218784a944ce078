import { SandboxApp } from "../app/app.ts";
import type { TemplateName } from "../app/templates/index.ts";
import { installAuth, type AuthService, type RandomBytes } from "../auth/index.ts";
import type { Clock } from "../core/clock.ts";
import { installFunctions, type RunnerTransport } from "../functions/index.ts";
import { createGraphQLRoute } from "../protocol/graphql-route.ts";
import { createRequestHandler } from "../protocol/handler.ts";
import type { StorageDependencies } from "../storage/database.ts";
import { installTriggers } from "../triggers/index.ts";

/** What every app of one sandbox shares: storage, clock, randomness and runtime settings. */
export interface HostSettings extends StorageDependencies {
  now?: Clock;
  bcryptCost?: number;
  randomBytes?: RandomBytes;
  functionTimeoutMs?: number;
  functionRunner?: RunnerTransport;
}

/** One running app with its layers installed: config and data, functions, triggers, auth and the client API. */
export interface HostedApp {
  readonly appId: string;
  readonly app: SandboxApp;
  readonly auth: AuthService;
  handle(request: Request): Promise<Response>;
  close(): Promise<void>;
}

/** Opens (or creates, from the template) the app stored in `databaseName` and installs every layer on it. */
export async function openHostedApp(
  appId: string,
  databaseName: string,
  template: TemplateName,
  settings: HostSettings,
  name?: string,
): Promise<HostedApp> {
  const app = await SandboxApp.open({
    appId,
    template,
    name,
    databaseName,
    indexedDB: settings.indexedDB,
    IDBKeyRange: settings.IDBKeyRange,
    cacheReads: settings.cacheReads,
    now: settings.now,
  });
  const functions = installFunctions(app, { timeoutMs: settings.functionTimeoutMs, runner: settings.functionRunner });
  const triggers = installTriggers(app, functions);
  const auth = installAuth(app, { bcryptCost: settings.bcryptCost, randomBytes: settings.randomBytes });
  const handle = createRequestHandler(app, { auth, randomBytes: settings.randomBytes, graphql: createGraphQLRoute(app) });
  return {
    appId,
    app,
    auth,
    handle,
    close: async () => {
      await triggers.close();
      functions.close();
      handle.close();
      await app.close();
    },
  };
}

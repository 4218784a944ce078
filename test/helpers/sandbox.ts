import { SandboxApp } from "../../src/app/app.ts";
import { SCHEMA_ONLY_POLICY } from "../../src/app/catalog.ts";
import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import { blank } from "../../src/app/templates/index.ts";
import type { TemplateName } from "../../src/app/templates/index.ts";
import { isAppServicesError } from "../../src/core/app-services-error.ts";
import type { MongoCollection } from "../../src/services/mongodb-atlas/collection.ts";
import { SYSTEM_CONTEXT, userContext, type RequestContext } from "../../src/services/request-context.ts";
import { fakeClock, freshIndexedDB } from "./idb.ts";

export const APP_ID = "sandbox-test";

/** A caller that is neither system nor privileged: writes are schema-validated. */
export const USER_CONTEXT: RequestContext = userContext({
  id: "user-1",
  type: "normal",
  data: { email: "ada@example.com" },
  custom_data: {},
  identities: [{ id: "id-1", provider_type: "local-userpass" }],
});

export interface TestApp {
  app: SandboxApp;
  deps: ReturnType<typeof freshIndexedDB>;
  clock: ReturnType<typeof fakeClock>;
  databaseName: string;
  /** A collection handle as the system sees it (no rules, no validation). */
  system(ns: string): MongoCollection;
  /** A collection handle as a user sees it, under the schema-only policy. */
  user(ns: string): MongoCollection;
  /** Opens the same database again (after `close`), as a second tab or a reload would. */
  reopen(): Promise<TestApp>;
  close(): Promise<void>;
}

export interface OpenOptions {
  template?: TemplateName;
  deps?: ReturnType<typeof freshIndexedDB>;
  databaseName?: string;
  clock?: ReturnType<typeof fakeClock>;
}

let counter = 0;

/** Opens a SandboxApp on a fresh in-memory IndexedDB with a movable clock. */
export async function openTestApp(options: OpenOptions = {}): Promise<TestApp> {
  const deps = options.deps ?? freshIndexedDB();
  const clock = options.clock ?? fakeClock();
  const databaseName = options.databaseName ?? `test-db-${++counter}`;
  const app = await SandboxApp.open({ appId: APP_ID, template: options.template ?? "blank", databaseName, now: clock.now, ...deps });
  app.usePolicies(() => SCHEMA_ONLY_POLICY);
  const collection = (context: RequestContext) => (ns: string) => {
    const dot = ns.indexOf(".");
    return app.mongo(context).db(ns.slice(0, dot)).collection(ns.slice(dot + 1));
  };
  return {
    app,
    deps,
    clock,
    databaseName,
    system: collection(SYSTEM_CONTEXT),
    user: collection(USER_CONTEXT),
    reopen: () => openTestApp({ ...options, deps, databaseName, clock }),
    close: () => app.close(),
  };
}

/** A blank app with extra collections, each with the given schema (or none). */
export function appWithCollections(collections: Record<string, Record<string, unknown> | undefined>, extra: AppFiles = {}): AppFiles {
  const files = blank(APP_ID);
  for (const [ns, schema] of Object.entries(collections)) {
    const [database, collection] = ns.split(".");
    const dir = `data_sources/mongodb-atlas/${database}/${collection}`;
    files[`${dir}/rules.json`] = formatJson({ database, collection, roles: [], filters: [] });
    if (schema) files[`${dir}/schema.json`] = formatJson(schema);
    files[`${dir}/relationships.json`] = formatJson({});
  }
  return { ...files, ...extra };
}

/** Runs `fn` and returns the AppServicesError it rejects with (fails when it resolves). */
export async function errorOf(fn: () => Promise<unknown> | unknown): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (error) {
    if (!isAppServicesError(error)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
  throw new Error("expected an AppServicesError");
}

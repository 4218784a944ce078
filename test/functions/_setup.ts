import { SandboxApp } from "../../src/app/app.ts";
import type { PolicyFactory } from "../../src/app/catalog.ts";
import { formatJson } from "../../src/config/json.ts";
import type { AppFiles, FunctionEntry } from "../../src/config/types.ts";
import { blank } from "../../src/app/templates/index.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import { installFunctions, type FunctionRuntime, type FunctionRuntimeOptions } from "../../src/functions/index.ts";
import type { AccessPolicy } from "../../src/services/mongodb-atlas/access-policy.ts";
import { userContext, type RequestContext, type RequestUser } from "../../src/services/request-context.ts";
import { installTriggers, type TriggerManager, type TriggerOptions } from "../../src/triggers/index.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

export interface FunctionSpec extends Omit<FunctionEntry, "name"> {
  source: string;
}

export interface AppSpec {
  functions?: Record<string, FunctionSpec>;
  triggers?: Record<string, unknown>[];
  values?: Record<string, unknown>;
  /** Extra or replacing files (environments, data sources…). */
  files?: AppFiles;
}

/** The files of a blank app plus the given functions, triggers and values. */
export function appFiles(spec: AppSpec): AppFiles {
  const files: AppFiles = { ...blank("fn-test") };
  const entries: FunctionEntry[] = [];
  for (const [name, { source, ...config }] of Object.entries(spec.functions ?? {})) {
    entries.push({ name, ...config });
    files[`functions/${name}.js`] = source;
  }
  files["functions/config.json"] = formatJson(entries);
  for (const trigger of spec.triggers ?? []) files[`triggers/${trigger.name}.json`] = formatJson(trigger);
  for (const [name, value] of Object.entries(spec.values ?? {})) files[`values/${name}.json`] = formatJson({ name, value, from_secret: false });
  return { ...files, ...spec.files };
}

export interface TestBackend {
  app: SandboxApp;
  runtime: FunctionRuntime;
  triggers: TriggerManager;
  clock: ReturnType<typeof fakeClock>;
  deploy(spec: AppSpec): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** Where a backend keeps its data; pass the same one again to reopen it. */
export interface StorageSpec {
  deps: ReturnType<typeof freshIndexedDB>;
  databaseName: string;
  clock: ReturnType<typeof fakeClock>;
}

export function newStorage(): StorageSpec {
  return { deps: freshIndexedDB(), databaseName: `fn-test-${++counter}`, clock: fakeClock() };
}

/** A SandboxApp with the function runtime and triggers installed, on a fresh in-memory IndexedDB. */
export async function openBackend(
  spec: AppSpec = {},
  options: FunctionRuntimeOptions & { triggers?: TriggerOptions; template?: "blank" | "task-tracker"; storage?: StorageSpec } = {},
): Promise<TestBackend> {
  const storage = options.storage ?? { deps: freshIndexedDB(), databaseName: `fn-test-${++counter}`, clock: fakeClock() };
  const clock = storage.clock;
  const app = await SandboxApp.open({
    appId: "fn-test",
    template: options.template ?? "blank",
    databaseName: storage.databaseName,
    ...storage.deps,
    now: clock.now,
  });
  if (spec.functions || spec.triggers || spec.values || spec.files) await app.importApp(appFiles(spec));
  const runtime = installFunctions(app, options);
  const triggers = installTriggers(app, runtime, options.triggers);
  return {
    app,
    runtime,
    triggers,
    clock,
    deploy: async (next) => void (await app.importApp(appFiles(next))),
    close: async () => {
      await triggers.close();
      runtime.close();
      await app.close();
    },
  };
}

export function testUser(id = "6000000000000000000000a1", email = "ada@example.com"): RequestUser {
  return {
    id,
    type: "normal",
    data: { email },
    custom_data: {},
    identities: [{ id: `identity-${id}`, provider_type: "local-userpass" }],
  };
}

export function asUser(user = testUser(), request?: Record<string, unknown>): RequestContext {
  return userContext(user, request);
}

/** A rules stand-in: users may read everything and write nothing. */
export const denyUserWrites: PolicyFactory = (): AccessPolicy => ({
  validatesSchema: false,
  restrictFilter: (filter) => filter,
  readDocument: (doc) => doc,
  checkWrite: (kind) => {
    throw new AppServicesError("NoMatchingRuleFound", `${kind} not permitted`);
  },
});

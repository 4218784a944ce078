import { parseApp, setCollectionSchema, setFunction, setJsonFile, setRelationships } from "../../src/config/index.ts";
import type { AppFiles, AppModel, JsonObject, RelationshipConfig } from "../../src/config/types.ts";
import { blank } from "../../src/app/templates/index.ts";
import type { Document } from "../../src/bson/types.ts";
import { Mutex } from "../../src/core/mutex.ts";
import { createGraphQLEndpoint, type GraphQLHost, type GraphQLLimits } from "../../src/graphql/index.ts";
import { SYSTEM_POLICY, type AccessPolicy } from "../../src/services/mongodb-atlas/access-policy.ts";
import { MongoDBService, type ServiceCatalog, type ServiceEnvironment } from "../../src/services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, userContext, type RequestContext } from "../../src/services/request-context.ts";
import type { JsonSchema } from "../../src/schema/index.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

/** User requests may do anything the schema allows. */
export const ALLOW_ALL: AccessPolicy = Object.freeze({ ...SYSTEM_POLICY, validatesSchema: true });

export type PolicyFor = (ns: string, context: RequestContext) => AccessPolicy | undefined;

export function testCatalog(model: () => AppModel, policyFor?: PolicyFor): ServiceCatalog {
  return {
    hasService: (name) => model().dataSources.some((source) => source.name === name),
    schemaOf: (service, ns) => model().collections.find((c) => c.service === service && c.namespace === ns)?.schema as JsonSchema | undefined,
    policyFor: (_service, ns, context) => (context.system ? SYSTEM_POLICY : (policyFor?.(ns, context) ?? ALLOW_ALL)),
    collectionNames: (service, db) => model().collections.filter((c) => c.service === service && c.database === db).map((c) => c.collection),
  };
}

export function user(id: string): RequestContext {
  return userContext({ id, type: "normal", data: { email: `${id}@example.com` }, custom_data: {}, identities: [] });
}

export const ALICE = user("alice");

export interface Harness {
  model: AppModel;
  endpoint: ReturnType<typeof createGraphQLEndpoint>;
  run(query: string, variables?: Record<string, unknown>, context?: RequestContext): Promise<{ data?: any; errors?: any }>;
  /** The collection as the system sees it, to seed and inspect. */
  raw(ns: string): ReturnType<ReturnType<MongoDBService["db"]>["collection"]>;
  /** Storage reads (DocumentStore.candidates and scanPages calls) since the last reset. */
  reads: { count: number; namespaces: string[]; reset(): void };
  functionCalls: { name: string; args: unknown[]; context: RequestContext }[];
  deploy(files: AppFiles): void;
}

let counter = 0;

export async function harness(
  files: AppFiles,
  options: { policyFor?: PolicyFor; functions?: Record<string, (...args: any[]) => unknown>; limits?: Partial<GraphQLLimits> } = {},
): Promise<Harness> {
  let model = parseApp(files);
  const db = new SandboxDatabase(`graphql-test-${++counter}`, freshIndexedDB());
  const clock = fakeClock();
  const store = new DocumentStore(db, clock.now);
  await store.configureIndexes(model.sandbox.indexes);
  const reads = { count: 0, namespaces: [] as string[], reset: () => ((reads.count = 0), (reads.namespaces = [])) };
  const candidates = store.candidates.bind(store);
  store.candidates = (ns, plan) => {
    reads.count++;
    reads.namespaces.push(ns);
    return candidates(ns, plan);
  };
  const scanPages = store.scanPages.bind(store);
  store.scanPages = (ns, firstPage) => {
    reads.count++;
    reads.namespaces.push(ns);
    return scanPages(ns, firstPage);
  };
  const env: ServiceEnvironment = { store, mutex: new Mutex(), clock: clock.now, catalog: () => testCatalog(() => model, options.policyFor) };
  const functionCalls: Harness["functionCalls"] = [];
  const host: GraphQLHost = {
    model: () => model,
    service: (context, name) => new MongoDBService(env, context, name),
    callFunction: async (name, args, context) => {
      functionCalls.push({ name, args, context });
      const fn = options.functions?.[name];
      if (!fn) throw new Error(`function not found: '${name}'`);
      return fn(...args);
    },
  };
  const endpoint = createGraphQLEndpoint(host, options.limits);
  return {
    get model() {
      return model;
    },
    endpoint,
    run: (query, variables, context = ALICE) => endpoint.execute({ query, variables }, context) as Promise<any>,
    raw: (ns) => {
      const [database, collection] = ns.split(".");
      return new MongoDBService(env, SYSTEM_CONTEXT).db(database).collection(collection);
    },
    reads,
    functionCalls,
    deploy(next) {
      model = parseApp(next);
    },
  };
}

/** An app with the given collections (`db.coll` → schema) and relationships. */
export function appWith(
  schemas: Record<string, JsonObject>,
  relationships: Record<string, Record<string, Omit<RelationshipConfig, "target">>> = {},
  extra: (files: AppFiles) => AppFiles = (f) => f,
): AppFiles {
  let files = blank("graphql-test");
  for (const [ns, schema] of Object.entries(schemas)) {
    const [database, collection] = ns.split(".");
    files = setJsonFile(files, `data_sources/mongodb-atlas/${database}/${collection}/rules.json`, { database, collection, roles: [], filters: [] });
    files = setCollectionSchema(files, "mongodb-atlas", database, collection, schema);
    files = setRelationships(files, "mongodb-atlas", database, collection, (relationships[ns] ?? {}) as Record<string, RelationshipConfig>);
  }
  return extra(files);
}

/** Adds a function and a custom resolver file. */
export function withResolver(files: AppFiles, name: string, resolver: JsonObject): AppFiles {
  const next = setFunction(files, { name: resolver.function_name as string, private: false }, "exports = function () {};");
  return setJsonFile(next, `graphql/custom_resolvers/${name}.json`, resolver);
}

export function ids(docs: Document[]): string[] {
  return docs.map((doc) => String(doc._id));
}

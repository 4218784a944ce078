import type { Document } from "../../bson/types.ts";
import { AppServicesError } from "../../core/app-services-error.ts";
import type { Clock } from "../../core/clock.ts";
import type { Mutex } from "../../core/mutex.ts";
import type { JsonSchema } from "../../schema/index.ts";
import type { DocumentStore } from "../../storage/document-store.ts";
import type { RequestContext } from "../request-context.ts";
import type { AccessPolicy } from "./access-policy.ts";
import { MongoCollection } from "./collection.ts";
import { readMatching } from "./read.ts";

/** What the service needs to know of the deployed app: its data sources and collection schemas. */
export interface ServiceCatalog {
  hasService(name: string): boolean;
  schemaOf(service: string, ns: string): JsonSchema | undefined;
  /** The policy for one namespace and caller; errors (e.g. no rule) surface when it is used. */
  policyFor(service: string, ns: string, context: RequestContext): AccessPolicy;
  /** Collections the app declares for a database, for `getCollectionNames`. */
  collectionNames(service: string, db: string): string[];
}

export interface ServiceEnvironment {
  store: DocumentStore;
  mutex: Mutex;
  clock: Clock;
  catalog: () => ServiceCatalog;
}

const NAME_PATTERN = /^[^\0$./\\ "]+$/;

/**
 * The `mongodb-atlas` service as one caller sees it: `service.db(name).collection(name)`.
 * The catalog is read when a collection handle is made, so a deploy takes effect
 * for the next request.
 */
export class MongoDBService {
  constructor(
    private readonly env: ServiceEnvironment,
    private readonly context: RequestContext,
    readonly serviceName = "mongodb-atlas",
  ) {
    if (!env.catalog().hasService(serviceName)) {
      throw new AppServicesError("ServiceNotFound", `service not found: '${serviceName}'`);
    }
  }

  db(name: string): MongoDatabase {
    checkName(name, "database");
    return new MongoDatabase(this.env, this.context, this.serviceName, name);
  }
}

export class MongoDatabase {
  constructor(
    private readonly env: ServiceEnvironment,
    private readonly context: RequestContext,
    private readonly serviceName: string,
    readonly name: string,
  ) {}

  collection(name: string): MongoCollection {
    checkName(name.replace(/\./g, "_"), "collection");
    const ns = `${this.name}.${name}`;
    const catalog = this.env.catalog();
    const policyOf = (target: string) => catalog.policyFor(this.serviceName, target, this.context);
    return new MongoCollection({
      ns,
      store: this.env.store,
      mutex: this.env.mutex,
      clock: this.env.clock,
      policy: policyOf(ns),
      system: this.context.system,
      schema: catalog.schemaOf(this.serviceName, ns),
      readCollection: async (other: string) =>
        (await readMatching(this.env.store, other, {}, policyOf(other))).map((m): Document => m.visible),
      trace: this.context.trace,
    });
  }

  getCollectionNames(): string[] {
    return this.env.catalog().collectionNames(this.serviceName, this.name);
  }
}

function checkName(name: unknown, what: string): void {
  if (typeof name !== "string" || !NAME_PATTERN.test(name) || name.length > 120) {
    throw new AppServicesError("InvalidParameter", `invalid ${what} name: ${JSON.stringify(name)}`);
  }
}

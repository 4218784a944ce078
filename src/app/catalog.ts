import type { JsonSchema } from "../schema/index.ts";
import { SYSTEM_POLICY, type AccessPolicy } from "../services/mongodb-atlas/access-policy.ts";
import type { ServiceCatalog } from "../services/mongodb-atlas/service.ts";
import type { RequestContext } from "../services/request-context.ts";
import type { AppModel, CollectionConfig } from "../config/types.ts";

/** What the rules layer needs to build the policy of one namespace for one caller. */
export interface PolicyRequest {
  model: AppModel;
  service: string;
  namespace: string;
  collection: CollectionConfig | undefined;
  context: RequestContext;
}

export type PolicyFactory = (request: PolicyRequest) => AccessPolicy;

/** Until rules are configured by a factory, user requests may do anything the schema allows. */
export const SCHEMA_ONLY_POLICY: AccessPolicy = Object.freeze({ ...SYSTEM_POLICY, validatesSchema: true });

/** The deployed app as the `mongodb-atlas` service sees it. */
export function catalogOf(model: AppModel, policyFactory: PolicyFactory | undefined): ServiceCatalog {
  const collections = new Map<string, CollectionConfig>();
  for (const collection of model.collections) collections.set(`${collection.service}/${collection.namespace}`, collection);
  return {
    hasService: (name) => model.dataSources.some((source) => source.name === name),
    schemaOf: (service, ns) => collections.get(`${service}/${ns}`)?.schema as JsonSchema | undefined,
    policyFor(service, ns, context) {
      if (context.system) return SYSTEM_POLICY;
      if (!policyFactory) return SCHEMA_ONLY_POLICY;
      return policyFactory({ model, service, namespace: ns, collection: collections.get(`${service}/${ns}`), context });
    },
    collectionNames: (service, db) =>
      model.collections
        .filter((collection) => collection.service === service && collection.database === db)
        .map((collection) => collection.collection)
        .sort(),
  };
}

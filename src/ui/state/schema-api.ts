/**
 * The Schema screen's calls to the console API (src/admin/schema-routes.ts): both run in
 * the backend, on the documents as the system sees them. Only types come from there.
 */
import type { GeneratedSchema, SchemaValidation } from "../../admin/schema-routes.ts";
import type { ConsoleApi } from "./console-api.ts";

export type { GeneratedSchema, SchemaValidation };

export interface CollectionRef {
  service: string;
  database: string;
  collection: string;
}

const command = (appId: string, service: string, name: string) =>
  `/${encodeURIComponent(appId)}/services/${encodeURIComponent(service)}/commands/${name}`;

/** The most documents one check reads (MAX_SAMPLE in the API). */
export const VALIDATE_LIMIT = 50_000;

export class SchemaApi {
  constructor(private readonly api: ConsoleApi) {}

  /** Infers a schema from up to `limit` documents of the collection. */
  generate(appId: string, target: CollectionRef, limit?: number): Promise<GeneratedSchema> {
    return this.api.request("POST", command(appId, target.service, "generate_schema"), {
      database_name: target.database,
      collection_name: target.collection,
      limit,
    });
  }

  /** Checks the collection's documents (up to the API's limit of 50,000) against `schema`, saved or not. */
  validate(appId: string, target: CollectionRef, schema: unknown): Promise<SchemaValidation> {
    return this.api.request("POST", command(appId, target.service, "validate_schema"), {
      database_name: target.database,
      collection_name: target.collection,
      schema,
      limit: VALIDATE_LIMIT,
    });
  }
}

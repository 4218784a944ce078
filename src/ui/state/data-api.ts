/**
 * The Data screen's reads and writes, as the Run-as identity: the system through the
 * console API (src/admin/data-routes.ts), a user through the client API with that user's
 * real session, exactly as a client calls `mongodb-atlas`. Only types come from the
 * backend side. Documents are canonical Extended JSON values both ways.
 */
import type { FindAnswer, NamespaceSummary, ValidateAnswer } from "../../admin/data-routes.ts";
import type { ExplainAction, RuleExplanation } from "../../admin/rules-explain.ts";
import type { SchemaIssue } from "../../schema/index.ts";
import { ConsoleApiError } from "./console-api.ts";
import type { ConsoleStore, RunAs } from "./console-store.ts";

export type { ExplainAction, FindAnswer, NamespaceSummary, RuleExplanation, SchemaIssue, ValidateAnswer };

/** A JSON object of Extended JSON (canonical or relaxed). */
export type EjsonDocument = Record<string, unknown>;

export interface FindRequest {
  query: EjsonDocument;
  projection?: EjsonDocument;
  sort?: EjsonDocument;
  skip: number;
  limit: number;
}

export interface WriteAnswer {
  /** What the schema would refuse (the system skips validation, so its writes go through). */
  issues: SchemaIssue[];
  insertedId?: unknown;
}

/** The most ids fetched to tell which documents a user does not get. */
export const COMPARE_LIMIT = 200;

export class DataApi {
  constructor(private readonly store: ConsoleStore) {}

  private get appId(): string {
    return this.store.state.appId;
  }

  private path(database: string, collection: string, action: string): string {
    return `/${enc(this.appId)}/data/${enc(database)}/${enc(collection)}/${action}`;
  }

  namespaces = (): Promise<NamespaceSummary[]> => this.store.api.request("GET", `/${enc(this.appId)}/data`);

  validate = (database: string, collection: string, what: { ids: unknown[] } | { documents: EjsonDocument[] }): Promise<ValidateAnswer> =>
    this.store.api.request("POST", this.path(database, collection, "validate"), what);

  explain = (ask: { database: string; collection: string; userId: string; action: ExplainAction; documentId?: unknown; document?: EjsonDocument }): Promise<RuleExplanation> =>
    this.store.api.request("POST", `/${enc(this.appId)}/rules/explain`, ask);

  /** One page of documents and the number of all matches. */
  async find(runAs: RunAs, database: string, collection: string, request: FindRequest): Promise<FindAnswer> {
    if (runAs.kind === "system") return this.store.api.request("POST", this.path(database, collection, "find"), request);
    // The client API's find has no skip (realm-web sends none): fetch up to the page's end and drop the rest.
    const [documents, total] = await Promise.all([
      this.call<unknown[]>("find", { database, collection, query: request.query, project: request.projection, sort: request.sort, limit: request.skip + request.limit }),
      this.count(runAs, database, collection, request.query),
    ]);
    return { documents: documents.slice(request.skip), total };
  }

  async count(runAs: RunAs, database: string, collection: string, query: EjsonDocument): Promise<number> {
    if (runAs.kind === "system") return (await this.store.api.request<{ count: number }>("POST", this.path(database, collection, "count"), { query })).count;
    return numberOf(await this.call<unknown>("count", { database, collection, query }));
  }

  async insert(runAs: RunAs, database: string, collection: string, document: EjsonDocument): Promise<WriteAnswer> {
    if (runAs.kind === "system") return this.store.api.request("POST", this.path(database, collection, "insert"), { document });
    const { insertedId } = await this.call<{ insertedId: unknown }>("insertOne", { database, collection, document });
    return { insertedId, issues: [] };
  }

  /** Replaces the document with `_id` = id; a user's replace goes through findOneAndReplace, as realm-web's does. */
  async replace(runAs: RunAs, database: string, collection: string, id: unknown, document: EjsonDocument): Promise<WriteAnswer> {
    if (runAs.kind === "system") return this.store.api.request("POST", this.path(database, collection, "replace"), { id, document });
    const { _id: _, ...rest } = document;
    const before = await this.call<unknown>("findOneAndReplace", { database, collection, filter: { _id: id }, update: rest });
    if (before === null) throw new ConsoleApiError("No document was replaced: this user does not see it (any more). Reload the documents.", "NotFound", 404);
    return { issues: [] };
  }

  async remove(runAs: RunAs, database: string, collection: string, id: unknown): Promise<void> {
    if (runAs.kind === "system") return void (await this.store.api.request("POST", this.path(database, collection, "delete"), { id }));
    const { deletedCount } = await this.call<{ deletedCount: unknown }>("deleteOne", { database, collection, query: { _id: id } });
    if (numberOf(deletedCount) === 0) throw new ConsoleApiError("No document was deleted: this user does not see it (any more). Reload the documents.", "NotFound", 404);
  }

  /** Up to COMPARE_LIMIT matches with only `_id` and the given fields (as far as the identity may read them), in query order. */
  async ids(runAs: RunAs, database: string, collection: string, query: EjsonDocument, sort?: EjsonDocument, fields: string[] = []): Promise<EjsonDocument[]> {
    const projection = Object.fromEntries([["_id", 1], ...fields.map((f) => [f, 1])]);
    const answer = await this.find(runAs, database, collection, { query, sort, projection, skip: 0, limit: COMPARE_LIMIT });
    return answer.documents as EjsonDocument[];
  }

  /** A `mongodb-atlas` method through the client API, as a client calls it with the Run-as user's session. */
  private async call<T>(name: string, args: EjsonDocument): Promise<T> {
    const response = await this.store.fetchAsUser(`/app/${enc(this.appId)}/functions/call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, service: "mongodb-atlas", arguments: [withoutUndefined(args)] }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConsoleApiError(`The client API answered ${response.status} with something that is not JSON`, "BadResponse", response.status);
    }
    if (!response.ok) {
      const body = json as { error?: string; error_code?: string };
      throw new ConsoleApiError(body.error ?? response.statusText, body.error_code ?? "Unknown", response.status);
    }
    return json as T;
  }
}

/** A count as the client API returns it: `{"$numberLong": "3"}`, `{"$numberInt": …}` or a number. */
export function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (value && typeof value === "object") {
    const wrapped = Object.values(value as Record<string, unknown>)[0];
    if (typeof wrapped === "string") return Number(wrapped);
  }
  return Number.NaN;
}

function withoutUndefined(args: EjsonDocument): EjsonDocument {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

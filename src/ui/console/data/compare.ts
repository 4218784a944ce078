/**
 * What a user gets against what the system gets for the same query: the documents
 * withheld (matched for the system, not for the user) and, on the shown page, the
 * fields hidden (in the system's document, not in the user's).
 */
import { idKey, missingPaths } from "../../components/ejson-values.ts";
import { COMPARE_LIMIT, type DataApi, type EjsonDocument, type FindRequest } from "../../state/data-api.ts";
import type { RunAs } from "../../state/console-store.ts";

const SYSTEM: RunAs = { kind: "system" };

export interface Comparison {
  /** How many documents match the query for the system. */
  systemTotal: number;
  /** Documents the system matches and the user does not (up to COMPARE_LIMIT looked at): `_id` and a name when they have one. */
  withheld: { id: unknown; name?: string }[];
  /** More matches exist than were compared. */
  partial: boolean;
  /** Hidden paths of each shown document, by `idKey` of its `_id`. */
  hidden: Map<string, string[]>;
  /** Shown documents whose `_id` the user cannot read, so they cannot be compared. */
  withoutId: number;
}

export async function compareWithSystem(
  data: DataApi,
  runAs: RunAs,
  database: string,
  collection: string,
  request: FindRequest,
  shown: EjsonDocument[],
): Promise<Comparison> {
  const [systemTotal, systemIds, userIds, systemPage] = await Promise.all([
    data.count(SYSTEM, database, collection, request.query),
    data.ids(SYSTEM, database, collection, request.query, request.sort, ["name", "title"]),
    data.ids(runAs, database, collection, request.query, request.sort),
    systemDocuments(data, database, collection, request, shown),
  ]);
  const seen = new Set(userIds.filter((d) => d._id !== undefined).map((d) => idKey(d._id)));
  // Documents whose _id the user cannot read cannot be matched with the system's.
  const unmatched = userIds.filter((d) => d._id === undefined).length;
  const hidden = new Map<string, string[]>();
  for (const doc of shown) {
    if (doc._id === undefined) continue;
    const full = systemPage.get(idKey(doc._id));
    const paths = full ? missingPaths(full, doc) : [];
    if (paths.length) hidden.set(idKey(doc._id), paths);
  }
  return {
    systemTotal,
    withheld: unmatched ? [] : systemIds.filter((d) => !seen.has(idKey(d._id))).map((d) => ({ id: d._id, name: nameOf(d) })),
    partial: systemTotal > COMPARE_LIMIT,
    hidden,
    withoutId: shown.filter((d) => d._id === undefined).length,
  };
}

/** The system's version of the shown documents, with the same projection. */
async function systemDocuments(data: DataApi, database: string, collection: string, request: FindRequest, shown: EjsonDocument[]): Promise<Map<string, EjsonDocument>> {
  const ids = shown.map((d) => d._id).filter((id) => id !== undefined);
  if (ids.length === 0) return new Map();
  const byId: EjsonDocument = { _id: { $in: ids } };
  const query = Object.keys(request.query).length ? { $and: [request.query, byId] } : byId;
  const answer = await data.find(SYSTEM, database, collection, { query, projection: request.projection, skip: 0, limit: ids.length });
  return new Map(answer.documents.map((d) => [idKey((d as EjsonDocument)._id), d as EjsonDocument]));
}

/** A document's name or title, to tell documents apart beside their `_id`. */
export function nameOf(doc: EjsonDocument): string | undefined {
  return typeof doc.name === "string" ? doc.name : typeof doc.title === "string" ? doc.title : undefined;
}

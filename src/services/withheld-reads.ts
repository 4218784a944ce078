import { toEJSON } from "../bson/ejson.ts";

/** How many ids of withheld documents a log entry keeps, per namespace and kind. */
export const WITHHELD_ID_LIMIT = 20;

/** What the rules kept from one request's reads of one namespace, as its log entry records it. */
export interface WithheldSummary {
  /** "db.collection" */
  namespace: string;
  /** Documents the query matched that the rules withheld entirely. */
  documents: number;
  /** The first WITHHELD_ID_LIMIT of their `_id`s, as canonical Extended JSON. */
  documentIds: unknown[];
  /** Documents returned with some of their fields hidden by the rules. */
  fieldsHidden: number;
  fieldsHiddenIds: unknown[];
}

interface Tally {
  count: number;
  ids: unknown[];
  seen: Set<string>;
}

/**
 * Counts what the rules withhold from one request's reads, from the decisions the
 * read path makes anyway (no document is read again): each document the query matched
 * and the rules withheld, and each one returned with fields hidden. Documents that
 * a rule's query filter keeps out of the query are never seen, so never counted.
 */
export class WithheldReads {
  private readonly documents = new Map<string, Tally>();
  private readonly fields = new Map<string, Tally>();

  /** A matched document the rules withheld. */
  document(namespace: string, id: unknown): void {
    tally(this.documents, namespace, id);
  }

  /** A document returned with some fields hidden. */
  fieldsHidden(namespace: string, id: unknown): void {
    tally(this.fields, namespace, id);
  }

  /** Per namespace, in the order first met; empty when nothing was withheld. */
  summary(): WithheldSummary[] {
    const namespaces = [...new Set([...this.documents.keys(), ...this.fields.keys()])];
    return namespaces.map((namespace) => {
      const documents = this.documents.get(namespace);
      const fields = this.fields.get(namespace);
      return {
        namespace,
        documents: documents?.count ?? 0,
        documentIds: documents?.ids ?? [],
        fieldsHidden: fields?.count ?? 0,
        fieldsHiddenIds: fields?.ids ?? [],
      };
    });
  }
}

function tally(tallies: Map<string, Tally>, namespace: string, id: unknown): void {
  let entry = tallies.get(namespace);
  if (!entry) tallies.set(namespace, (entry = { count: 0, ids: [], seen: new Set() }));
  // A document met twice in one request (a count and a find, say) counts once.
  const key = idKey(id);
  if (entry.seen.has(key)) return;
  entry.seen.add(key);
  entry.count++;
  if (entry.ids.length < WITHHELD_ID_LIMIT) entry.ids.push(toEJSON(id));
}

function idKey(id: unknown): string {
  if (id === null || typeof id !== "object") return `${typeof id}:${String(id)}`;
  const bsonType = (id as { _bsontype?: unknown })._bsontype;
  if (typeof bsonType === "string") return `${bsonType}:${String(id)}`;
  try {
    return `json:${JSON.stringify(toEJSON(id))}`;
  } catch {
    return `other:${String(id)}`;
  }
}

/**
 * Whether the rules hid fields: `visible` is the stored document with keys removed,
 * at any depth. Only called when the rules returned a copy (field-level permissions or
 * a filter's projection), so documents read whole cost nothing.
 */
export function hidesFields(stored: Record<string, unknown>, visible: Record<string, unknown>): boolean {
  const keys = Object.keys(stored);
  if (Object.keys(visible).length < keys.length) return true;
  for (const key of keys) {
    const before = stored[key];
    const after = visible[key];
    if (isPlainRecord(before) && isPlainRecord(after) && after !== before && hidesFields(before, after)) return true;
  }
  return false;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

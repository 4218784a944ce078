/**
 * What a log entry says the rules withheld from a user's reads (details.withheld, written
 * by the backend's WithheldReads): read safely from the stored entry, with ids as people
 * read them.
 */
import type { WithheldSummary } from "../../../services/withheld-reads.ts";

export type { WithheldSummary };

/** The entry's withheld summaries, or none when it has none or they are not in the shape written. */
export function withheldOf(details: Record<string, unknown> | undefined): WithheldSummary[] {
  const list = details?.withheld;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is WithheldSummary =>
      !!s && typeof s === "object" && typeof s.namespace === "string" && Array.isArray(s.documentIds) && Array.isArray(s.fieldsHiddenIds),
  );
}

/** "db.coll" split at its first dot, as App Services names namespaces. */
export function splitNamespace(namespace: string): { database: string; collection: string } {
  const dot = namespace.indexOf(".");
  return { database: namespace.slice(0, dot), collection: namespace.slice(dot + 1) };
}

/** An `_id` in canonical Extended JSON as the shell would print it: ObjectId("…"), 5, "text". */
export function idLabel(id: unknown): string {
  if (typeof id === "string") return JSON.stringify(id);
  if (id === null || typeof id !== "object") return String(id);
  const wrapper = id as Record<string, unknown>;
  if (typeof wrapper.$oid === "string") return `ObjectId("${wrapper.$oid}")`;
  for (const key of ["$numberInt", "$numberLong", "$numberDouble", "$numberDecimal"]) {
    if (typeof wrapper[key] === "string") return String(wrapper[key]);
  }
  if (typeof wrapper.$uuid === "string") return `UUID("${wrapper.$uuid}")`;
  return JSON.stringify(id);
}

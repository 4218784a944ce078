/**
 * Explain's report in words: pure functions from the report's plain data to the
 * sentences rs-graphql-explain shows, kept apart so they can be tested without a page.
 */
import type { ExplainReport, FieldReport, OperationReport } from "../state/graphql-api.ts";

type StorageRead = OperationReport["storage"][number];

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function formatMs(ms: number): string {
  if (ms < 0.1) return "< 0.1 ms";
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A document id (canonical Extended JSON) as mongosh writes it. */
export function idText(id: unknown): string {
  if (id !== null && typeof id === "object") {
    const value = id as Record<string, unknown>;
    if (typeof value.$oid === "string") return `ObjectId("${value.$oid}")`;
    if (typeof value.$numberInt === "string") return value.$numberInt;
    if (typeof value.$numberLong === "string") return `Long("${value.$numberLong}")`;
    if (typeof value.$uuid === "string") return `UUID("${value.$uuid}")`;
  }
  return JSON.stringify(id);
}

/** One line of the report's head: who, how much, how long. */
export function summaryLine(report: ExplainReport): string {
  const { totals } = report;
  const who = report.runAs.kind === "system" ? "the system" : (report.runAs.email ?? report.runAs.userId);
  return [
    `Ran as ${who}`,
    plural(totals.operations, "database operation"),
    plural(totals.storageQueries, "storage query", "storage queries"),
    `${plural(totals.documentsRead, "document")} read from storage`,
    `${formatMs(totals.ms)} in all, ${formatMs(totals.storageMs)} of it waiting for storage`,
  ].join(" · ");
}

/** The heading of one field's section. */
export function fieldHeading(field: FieldReport): { title: string; detail: string } {
  if (field.kind === "relationship") {
    const asked = field.relationships?.length ? `for ${field.relationships.join(", ")}` : "for relationship fields";
    return { title: `Related ${field.field} documents`, detail: `${asked}, read for every result at once` };
  }
  if (field.kind === "nested") return { title: "Fields inside the results", detail: "what custom resolvers on document types read, for every result" };
  if (field.kind === "undo") return { title: `Undoing writes in ${field.key}`, detail: "another mutation failed, so the system put these documents back" };
  const name = field.field.slice(field.field.indexOf(".") + 1);
  return { title: field.key, detail: field.key === name ? field.field : `alias of ${field.field}` };
}

export function governedText(op: OperationReport): string {
  switch (op.governedBy) {
    case "system (rules bypassed)":
      return "The system ran this: no rules were applied.";
    case "collection roles":
      return `The roles of ${op.database}.${op.collection} decided what this user gets.`;
    case "default roles":
      return `${op.database}.${op.collection} has no roles of its own, so the data source's default roles decided.`;
    case "sync permissions":
      return "Sync is on for this database, so its read and write permissions decided instead of roles.";
    case "no rules":
      return `${op.database}.${op.collection} has no rules, so a user may not read or write it at all.`;
  }
}

/** What storage returned, what matched, what was answered. */
export function countsText(op: OperationReport): string {
  if (op.operation === "insert") return `Inserted ${plural(op.written ?? 0, "document")}.`;
  const parts = [`Storage returned ${plural(op.read, "document")}`, `${op.matched.toLocaleString("en-US")} matched the ${op.ranFilter ? "filter that ran" : "filter"}`];
  if (op.operation === "count") parts.push(`the count answered was ${op.returned}`);
  else if (op.written !== undefined) parts.push(`${plural(op.written, "document")} written`);
  else parts.push(`${op.returned.toLocaleString("en-US")} returned`);
  return `${parts.join(", ")}.`;
}

export function storageText(read: StorageRead): string {
  const docs = plural(read.documents, "document");
  switch (read.kind) {
    case "id lookup":
      return `Looked up ${plural(read.keys, "_id")} directly: ${docs}`;
    case "index lookup":
      return `Looked up ${plural(read.keys, "value")} in the index on ${read.field}: ${docs}`;
    case "id range":
      return `Read a range of _id values: ${docs}`;
    case "index range":
      return `Read a range of the index on ${read.field}: ${docs}`;
    case "scan":
      return read.keys > 0
        ? `Scanned the collection a page at a time, to stop at the limit (${plural(read.keys, "page")} read): ${docs}`
        : `Scanned the whole collection (no index could narrow it): ${docs}`;
  }
}

/** How one role filter applied, in words. */
export function filterText(filter: OperationReport["roleFilters"][number]): string {
  if (!filter.applies) return `Filter ${filter.name} did not apply to this user, so it added nothing.`;
  const adds = filter.query ? `it added ${filter.query} to the query` : "it added no query";
  return `Filter ${filter.name} applied, so ${adds}${filter.projection ? ` and hid fields with ${filter.projection}` : ""}.`;
}

/** The stored document behind a path of the answer (`["tasks", 3, "assignee"]`): the one the field's last read answered at that position. */
export function documentAt(report: ExplainReport, path: readonly (string | number)[]): { database: string; collection: string; id: unknown } | undefined {
  const [key, index] = path;
  const field = report.fields.find((f) => f.kind === "root" && f.key === key);
  if (!field) return undefined;
  const answered = [...field.operations].reverse().find((op) => op.returnedIds.length > 0);
  if (!answered) return undefined;
  const position = typeof index === "number" ? index : 0;
  const id = answered.returnedIds[position];
  return id === undefined ? undefined : { database: answered.database, collection: answered.collection, id };
}

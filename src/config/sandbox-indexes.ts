import type { ParseContext } from "./context.ts";
import { SANDBOX_INDEXES } from "./paths.ts";
import type { CollectionConfig, SyncConfig } from "./types.ts";

/** `{ "<db>.<coll>": ["field", "nested.field"] }`; namespaces need a database part. */
export function parseDeclaredIndexes(ctx: ParseContext): Record<string, string[]> {
  const obj = ctx.readObject(SANDBOX_INDEXES);
  const declared: Record<string, string[]> = {};
  for (const [namespace, fields] of Object.entries(obj ?? {})) {
    const dot = namespace.indexOf(".");
    if (dot <= 0 || dot === namespace.length - 1) {
      ctx.report(SANDBOX_INDEXES, `"${namespace}" must be a namespace of the form "<database>.<collection>"`);
      continue;
    }
    if (!Array.isArray(fields) || !fields.every((x) => typeof x === "string" && x !== "")) {
      ctx.report(SANDBOX_INDEXES, `"${namespace}" must be an array of field paths`);
      continue;
    }
    declared[namespace] = fields as string[];
  }
  return declared;
}

/**
 * The indexes storage keeps: declared ones, each relationship's foreign key on its target
 * (so resolving a relationship is a lookup, not a scan) and the Sync partition key on every
 * collection of the synced database. `_id` is always indexed, so it never appears here.
 */
export function mergeIndexes(
  declared: Record<string, string[]>,
  collections: CollectionConfig[],
  sync: SyncConfig | undefined,
): Record<string, string[]> {
  const sets = new Map<string, Set<string>>();
  const add = (namespace: string, field: string) => {
    if (field === "_id") return;
    if (!sets.has(namespace)) sets.set(namespace, new Set());
    sets.get(namespace)!.add(field);
  };
  for (const [namespace, fields] of Object.entries(declared)) for (const field of fields) add(namespace, field);
  for (const c of collections) {
    for (const rel of Object.values(c.relationships)) {
      if (rel.target) add(`${rel.target.database}.${rel.target.collection}`, rel.foreign_key);
    }
  }
  if (sync?.state === "enabled" && sync.partition && sync.database_name) {
    for (const c of collections) {
      if (c.database === sync.database_name && (!sync.service_name || c.service === sync.service_name)) {
        add(c.namespace, sync.partition.key);
      }
    }
  }
  const result: Record<string, string[]> = {};
  for (const namespace of [...sets.keys()].sort()) {
    const fields = [...sets.get(namespace)!].sort();
    if (fields.length > 0) result[namespace] = fields;
  }
  return result;
}

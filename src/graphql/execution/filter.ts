/**
 * `<Type>QueryInput` → MongoDB filter. Several fields are ANDed; `_exists: true` means
 * present and not null, `false` missing or null. A relationship condition runs the nested
 * query on the target collection (through the caller's rules) and matches the source
 * field against the foreign keys found.
 */
import type { Document } from "../../bson/types.ts";
import { queryTable } from "../schema/operators.ts";
import type { FieldSpec, ObjectSpec, RelationSpec } from "../schema/spec.ts";
import { toBson } from "./values.ts";

export interface FilterHelpers {
  foreignKeys(relation: RelationSpec, filter: Document): Promise<unknown[]>;
}

type Input = Record<string, unknown>;

export async function toFilter(spec: ObjectSpec, input: unknown, helpers: FilterHelpers, prefix = ""): Promise<Document> {
  if (input === null || typeof input !== "object") return {};
  const table = queryTable(spec);
  const clauses: Document[] = [];
  for (const [name, value] of Object.entries(input as Input)) {
    const entry = table.get(name);
    if (!entry || value === undefined) continue;
    if (entry.op === "AND" || entry.op === "OR") {
      if (!Array.isArray(value) || value.length === 0) continue;
      const branches = await Promise.all(value.map((branch) => toFilter(spec, branch, helpers, prefix)));
      clauses.push({ [entry.op === "AND" ? "$and" : "$or"]: branches });
      continue;
    }
    const path = prefix + entry.field.key;
    if (entry.op === "exists") {
      if (value !== null) clauses.push({ [path]: value ? { $ne: null } : null });
      continue;
    }
    // Only equality and inequality give null a meaning; other operators ignore it.
    if (value === null) {
      if (entry.op === "eq") clauses.push({ [path]: null });
      else if (entry.op === "ne") clauses.push({ [path]: { $ne: null } });
      continue;
    }
    const clause = await fieldClause(entry.field, entry.op, path, value, helpers);
    if (clause) clauses.push(clause);
  }
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0] : { $and: clauses };
}

async function fieldClause(field: FieldSpec, op: string, path: string, value: unknown, helpers: FilterHelpers): Promise<Document | undefined> {
  const { shape, relation } = field;
  if (relation) return relationClause(relation, op, path, value, helpers);
  if (shape.kind === "object") {
    const nested = await toFilter(shape.object, value, helpers, `${path}.`);
    return Object.keys(nested).length ? nested : undefined;
  }
  if (shape.kind === "list" && shape.item.kind === "object") {
    const object = shape.item.object;
    const subs = await Promise.all((value as unknown[]).filter((v) => v !== null).map((v) => toFilter(object, v, helpers)));
    // eq: every listed query is met by some element; in: some element meets one; nin: none does.
    if (subs.length === 0) return op === "in" ? { [path]: { $in: [] } } : undefined;
    if (op === "eq") return { $and: subs.map((sub) => ({ [path]: { $elemMatch: sub } })) };
    const some = { [path]: { $elemMatch: subs.length === 1 ? subs[0] : { $or: subs } } };
    return op === "in" ? some : { $nor: [some] };
  }
  const scalar = shape.kind === "list" ? (shape.item as Extract<typeof shape.item, { kind: "scalar" }>) : shape;
  const convert = (v: unknown) => toBson(scalar, v);
  const converted = Array.isArray(value) ? value.map(convert) : convert(value);
  switch (op) {
    case "eq":
      return { [path]: Array.isArray(converted) ? { $eq: converted } : converted };
    default:
      return { [path]: { [`$${op}`]: converted } };
  }
}

async function relationClause(relation: RelationSpec, op: string, path: string, value: unknown, helpers: FilterHelpers): Promise<Document> {
  const keysFor = async (query: unknown) => helpers.foreignKeys(relation, await toFilter(relation.target, query, helpers));
  if (!relation.isList) return { [path]: { $in: await keysFor(value) } };
  const queries = (value as unknown[]).filter((v) => v !== null);
  const keySets = await Promise.all(queries.map(keysFor));
  // Every listed query must be met by some linked document.
  if (op === "eq") return keySets.length ? { $and: keySets.map((keys) => ({ [path]: { $in: keys } })) } : {};
  const all = keySets.flat();
  return { [path]: { [op === "in" ? "$in" : "$nin"]: all } };
}

import { isPlainObject, type Document } from "../bson/types.ts";

/**
 * How storage should find the candidates for a filter. Candidates are always
 * re-checked against the whole filter, so a plan only has to be a superset.
 */
export type AccessPlan =
  | { kind: "ids"; ids: unknown[] }
  | { kind: "values"; field: string; values: unknown[] }
  | { kind: "range"; field: string; lower?: Bound; upper?: Bound }
  | { kind: "scan" };

export interface Bound {
  value: unknown;
  inclusive: boolean;
}

/** Values an index can answer for: scalars, not documents, arrays, null or regexes. */
export function isIndexableScalar(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value) || isPlainObject(value)) return false;
  if (value instanceof RegExp) return false;
  const bsontype = (value as { _bsontype?: string })._bsontype;
  return bsontype !== "BSONRegExp" && bsontype !== "MinKey" && bsontype !== "MaxKey";
}

/**
 * Picks the cheapest access path: `_id` first, then a declared index, considering
 * the top-level conjuncts of the filter (including `$and` branches).
 */
export function planQuery(filter: Document | undefined, indexedFields: ReadonlySet<string>): AccessPlan {
  if (!filter) return { kind: "scan" };
  const conjuncts = collectConjuncts(filter);
  const byField = (field: string) => conjuncts.filter(([key]) => key === field).map(([, condition]) => condition);
  const idPlan = planField("_id", byField("_id"));
  if (idPlan) return idPlan.kind === "values" ? { kind: "ids", ids: idPlan.values } : idPlan;
  let rangePlan: AccessPlan | undefined;
  for (const field of indexedFields) {
    const plan = planField(field, byField(field));
    if (plan?.kind === "values") return plan;
    rangePlan ??= plan;
  }
  return rangePlan ?? { kind: "scan" };
}

function collectConjuncts(filter: Document, into: [string, unknown][] = []): [string, unknown][] {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(condition)) {
      for (const branch of condition) if (isPlainObject(branch)) collectConjuncts(branch, into);
    } else if (!key.startsWith("$")) {
      into.push([key, condition]);
    }
  }
  return into;
}

function planField(field: string, conditions: unknown[]): AccessPlan | undefined {
  let range: { kind: "range"; field: string; lower?: Bound; upper?: Bound } | undefined;
  for (const condition of conditions) {
    if (isIndexableScalar(condition)) return { kind: "values", field, values: [condition] };
    if (!isPlainObject(condition)) continue;
    const ops = Object.keys(condition);
    if (ops.length === 0 || !ops.every((op) => op.startsWith("$"))) continue;
    if ("$eq" in condition && isIndexableScalar(condition.$eq)) return { kind: "values", field, values: [condition.$eq] };
    const list = condition.$in;
    if (Array.isArray(list) && list.length > 0 && list.every(isIndexableScalar)) return { kind: "values", field, values: list };
    for (const op of ["$gt", "$gte", "$lt", "$lte"] as const) {
      const value = condition[op];
      if (!isIndexableScalar(value)) continue;
      range ??= { kind: "range", field };
      const bound = { value, inclusive: op.endsWith("e") };
      if (op.startsWith("$g")) range.lower = bound;
      else range.upper = bound;
    }
  }
  return range;
}

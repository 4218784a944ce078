/**
 * The input-field tables of QueryInput, UpdateInput and SortByInput. The type builders
 * create GraphQL fields from them and the resolvers decode arguments with the same
 * tables, so a name always means the same operator.
 */
import { isValidName, sortValueName } from "../naming/names.ts";
import type { DocTypeSpec, FieldSpec, ObjectSpec } from "./spec.ts";

export type QueryOp = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin" | "exists";

export type QueryEntry = { name: string; op: "AND" } | { name: string; op: "OR" } | { name: string; op: QueryOp; field: FieldSpec };

export type UpdateEntry = { name: string; op: "set" | "unset" | "inc"; field: FieldSpec };

export interface SortEntry {
  name: string;
  key: string;
  direction: 1 | -1;
}

const ORDERED: QueryOp[] = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "exists"];

/**
 * The observed operator matrix: Booleans get only equality and existence, arrays and
 * to-many relationships membership, embedded objects and to-one relationships a nested
 * QueryInput. There is no NOT and no regex operator.
 */
export function queryOpsOf(field: FieldSpec): QueryOp[] {
  const { shape, relation } = field;
  if (relation) return relation.isList ? ["eq", "in", "nin", "exists"] : ["eq", "exists"];
  if (shape.kind === "list") return ["eq", "in", "nin", "exists"];
  if (shape.kind === "object") return ["eq", "exists"];
  if (shape.scalar === "Boolean") return ["eq", "ne", "exists"];
  return ORDERED;
}

const queryTables = new WeakMap<ObjectSpec, Map<string, QueryEntry>>();
const updateTables = new WeakMap<ObjectSpec, Map<string, UpdateEntry>>();
const sortTables = new WeakMap<ObjectSpec, Map<string, SortEntry>>();
/** Generated names graphql-js refuses, per table: `_` gives `__ne` and `__ASC`. */
const refused = new WeakMap<Map<string, unknown>, string[]>();

function memo<T>(cache: WeakMap<ObjectSpec, Map<string, T>>, spec: ObjectSpec, build: (add: (name: string, entry: T) => void) => void) {
  let table = cache.get(spec);
  if (!table) {
    const built = new Map<string, T>();
    const invalid: string[] = [];
    // The first claim of a name wins, so a key that happens to look like a generated name cannot shadow it.
    // A name GraphQL cannot take is left out, so one odd key does not stop the whole schema.
    build((name, entry) => void (!isValidName(name) ? invalid.push(name) : built.has(name) || built.set(name, entry)));
    table = built;
    refused.set(table, invalid);
    cache.set(spec, table);
  }
  return table;
}

/** The input fields and sort values of `spec` left out because GraphQL cannot take their names. */
export function refusedNames(spec: ObjectSpec): { query: string[]; update: string[]; sort: string[] } {
  return {
    query: refused.get(queryTable(spec)) ?? [],
    update: refused.get(updateTable(spec)) ?? [],
    sort: "collection" in spec ? (refused.get(sortTable(spec as DocTypeSpec)) ?? []) : [],
  };
}

export function queryTable(spec: ObjectSpec): Map<string, QueryEntry> {
  return memo(queryTables, spec, (add) => {
    add("AND", { name: "AND", op: "AND" });
    add("OR", { name: "OR", op: "OR" });
    for (const field of spec.fields) {
      for (const op of queryOpsOf(field)) {
        const name = op === "eq" ? field.name : `${field.name}_${op}`;
        add(name, { name, op, field });
      }
    }
  });
}

/** `f`, `f_unset` for every field; `f_inc` for Int and Float values only (not Long). */
export function updateTable(spec: ObjectSpec): Map<string, UpdateEntry> {
  return memo(updateTables, spec, (add) => {
    for (const field of spec.fields) {
      add(field.name, { name: field.name, op: "set", field });
      add(`${field.name}_unset`, { name: `${field.name}_unset`, op: "unset", field });
      const { shape } = field;
      if (!field.relation && shape.kind === "scalar" && !shape.enum && (shape.scalar === "Int" || shape.scalar === "Float")) {
        add(`${field.name}_inc`, { name: `${field.name}_inc`, op: "inc", field });
      }
    }
  });
}

/** Root scalar fields, relationship sources included; Booleans, arrays and objects excluded (observed). */
export function sortTable(spec: DocTypeSpec): Map<string, SortEntry> {
  return memo(sortTables, spec, (add) => {
    for (const field of spec.fields) {
      if (field.shape.kind !== "scalar" || field.shape.scalar === "Boolean") continue;
      for (const [direction, sign] of [["ASC", 1], ["DESC", -1]] as const) {
        const name = sortValueName(field.name, direction);
        add(name, { name, key: field.key, direction: sign });
      }
    }
  });
}

import type { GraphQLFieldResolver } from "graphql";

import { isPlainObject, type Document } from "../../bson/types.ts";
import type { FieldSpec, ObjectShape, RelationSpec, ScalarShape } from "../schema/spec.ts";
import type { RequestState } from "./state.ts";
import { fromBson } from "./values.ts";

export type FieldResolver = GraphQLFieldResolver<Document, RequestState>;

/** Reads one document field under its GraphQL name; relationships go through the request's batching loader. */
export function fieldResolver(field: FieldSpec): FieldResolver {
  const { key, shape, relation } = field;
  if (relation) return relation.isList ? toMany(key, relation) : toOne(key, relation);
  if (shape.kind === "list") {
    const item = shape.item;
    return (source) => {
      const value = source[key];
      if (value === null || value === undefined) return null;
      return (Array.isArray(value) ? value : [value]).map((element) => itemValue(item, element));
    };
  }
  return (source) => itemValue(shape, source[key]);
}

function itemValue(shape: ScalarShape | ObjectShape, value: unknown): unknown {
  if (shape.kind === "scalar") return fromBson(shape, value);
  return isPlainObject(value) ? value : null;
}

// A missing target, or one the rules hide, resolves to null (to-one) or is left out (to-many).
function toOne(key: string, relation: RelationSpec): FieldResolver {
  return async (source, _args, state) => {
    const value = source[key];
    if (value === null || value === undefined) return null;
    const [doc] = await state.loader.load(relation, value);
    return doc ?? null;
  };
}

function toMany(key: string, relation: RelationSpec): FieldResolver {
  return async (source, _args, state) => {
    const value = source[key];
    if (value === null || value === undefined) return null;
    const keys = (Array.isArray(value) ? value : [value]).filter((k) => k !== null && k !== undefined);
    const groups = await Promise.all(keys.map((k) => state.loader.load(relation, k)));
    return [...new Set(groups.flat())];
  };
}

import type { BsonType } from "../bson/types.ts";
import type { SchemaJsonType } from "./types.ts";

/** Canonical bsonType names App Services schemas accept. */
export const SCHEMA_BSON_TYPES = [
  "double",
  "string",
  "object",
  "array",
  "objectId",
  "date",
  "bool",
  "null",
  "regex",
  "int",
  "timestamp",
  "long",
  "decimal",
  "uuid",
  "binData",
  "mixed",
  "number",
] as const;

export type CanonicalBsonTypeName = (typeof SCHEMA_BSON_TYPES)[number];

export const SCHEMA_JSON_TYPES: readonly SchemaJsonType[] = ["object", "array", "number", "boolean", "string", "null"];

/** Valid in MongoDB's $jsonSchema but not in App Services schemas; named so the problem reads better. */
export const MONGODB_ONLY_BSON_TYPES: ReadonlySet<string> = new Set([
  "undefined",
  "javascript",
  "javascriptWithScope",
  "symbol",
  "dbPointer",
  "minKey",
  "maxKey",
]);

const CANONICAL: ReadonlySet<string> = new Set(SCHEMA_BSON_TYPES);

/** The canonical spelling of a schema bsonType name, or undefined when it is not one. */
export function normalizeBsonTypeName(name: string): CanonicalBsonTypeName | undefined {
  if (CANONICAL.has(name)) return name as CanonicalBsonTypeName;
  // The docs spell it both "objectId" and "objectid".
  if (name.toLowerCase() === "objectid") return "objectId";
  // App Services wrote "boolean" in schemas it generated from data, and accepted it.
  if (name === "boolean") return "bool";
  return undefined;
}

const NUMERIC: readonly BsonType[] = ["int", "long", "double", "decimal"];

/**
 * The value types (as `bsonTypeOf` names them) a schema type name admits, or "any" for
 * `mixed`. `binData` covers every Binary subtype, UUIDs included.
 */
export function admittedBsonTypes(name: CanonicalBsonTypeName): readonly BsonType[] | "any" {
  switch (name) {
    case "mixed":
      return "any";
    case "number":
      return NUMERIC;
    case "binData":
      return ["binData", "uuid"];
    default:
      return [name];
  }
}

export function admittedByJsonType(name: SchemaJsonType): readonly BsonType[] {
  switch (name) {
    case "number":
      return NUMERIC;
    case "boolean":
      return ["bool"];
    default:
      return [name];
  }
}

/** How a value's type reads next to a JSON `type` rule: JSON names where they exist, BSON names otherwise. */
export function jsonTypeName(type: BsonType): string {
  if (type === "bool") return "boolean";
  if (NUMERIC.includes(type)) return "number";
  return type;
}

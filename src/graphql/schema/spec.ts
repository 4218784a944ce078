/**
 * The intermediate description of the generated API: which document types exist, what
 * fields they have and how each value is stored. Both the GraphQL type builders and the
 * resolvers read it, so names and conversions are decided in one place.
 */
import type { RootNames } from "../naming/names.ts";

export type ScalarName = "String" | "Int" | "Float" | "Boolean" | "ObjectId" | "DateTime" | "Long";

/** The BSON type a GraphQL input value is written as. */
export type Storage = "string" | "int" | "long" | "double" | "decimal" | "number" | "bool" | "objectId" | "date" | "timestamp";

export interface EnumSpec {
  name: string;
  /** GraphQL value name → the stored string. */
  values: { name: string; value: string }[];
}

export interface ScalarShape {
  kind: "scalar";
  scalar: ScalarName;
  storage: Storage;
  enum?: EnumSpec;
}

export interface ObjectShape {
  kind: "object";
  object: ObjectSpec;
}

export interface ListShape {
  kind: "list";
  item: ScalarShape | ObjectShape;
}

export type ValueShape = ScalarShape | ObjectShape | ListShape;

export interface RelationSpec {
  /** Unique per source field, for batching. */
  id: string;
  target: DocTypeSpec;
  foreignKey: string;
  isList: boolean;
}

export interface FieldSpec {
  /** The GraphQL field name. */
  name: string;
  /** The document key it reads and writes. */
  key: string;
  required: boolean;
  shape: ValueShape;
  relation?: RelationSpec;
}

export interface ObjectSpec {
  name: string;
  fields: FieldSpec[];
}

export interface DocTypeSpec extends ObjectSpec {
  service: string;
  database: string;
  collection: string;
  names: RootNames;
}

export function scalarOf(shape: ValueShape): ScalarShape | undefined {
  if (shape.kind === "scalar") return shape;
  if (shape.kind === "list" && shape.item.kind === "scalar") return shape.item;
  return undefined;
}

/**
 * The App Services document-schema dialect: MongoDB `$jsonSchema` (draft 4 flavour,
 * `bsonType` instead of JSON `integer`) plus the `validate` expression keyword.
 */

/** bsonType names a schema may use. `objectid` is the spelling some docs use; any case is accepted. */
export type SchemaBsonType =
  | "double"
  | "string"
  | "object"
  | "array"
  | "objectId"
  | "objectid"
  | "date"
  | "bool"
  | "null"
  | "regex"
  | "int"
  | "timestamp"
  | "long"
  | "decimal"
  | "uuid"
  | "binData"
  | "mixed"
  | "number";

/** JSON Schema `type` names; App Services has no `integer`. */
export type SchemaJsonType = "object" | "array" | "number" | "boolean" | "string" | "null";

export interface JsonSchema {
  // every type
  bsonType?: SchemaBsonType | SchemaBsonType[];
  type?: SchemaJsonType | SchemaJsonType[];
  enum?: unknown[];
  title?: string;
  description?: string;
  /** App Services JSON expression over %%this, %%prev, %%root and %%prevRoot. */
  validate?: unknown;
  // objects
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  patternProperties?: Record<string, JsonSchema>;
  minProperties?: number;
  maxProperties?: number;
  dependencies?: Record<string, string[] | JsonSchema>;
  // arrays
  items?: JsonSchema | JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  // strings
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  // numbers
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
}

/** One rule a document breaks. `path` is dotted ("tasks.0.name"), "" for the document itself. */
export interface SchemaIssue {
  path: string;
  keyword: string;
  message: string;
}

export interface ExpressionBindings {
  this: unknown;
  prev: unknown;
  root: unknown;
  prevRoot: unknown;
}

export interface ValidateOptions {
  /** Evaluates a `validate` expression; without it the keyword is skipped. */
  evaluateExpression?: (expression: unknown, bindings: ExpressionBindings) => boolean;
  /** The document before the write; undefined on insert. */
  previous?: Record<string, unknown>;
}

export type SchemaValidator = (doc: Record<string, unknown>, options?: ValidateOptions) => SchemaIssue[];

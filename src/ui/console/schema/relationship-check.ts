/**
 * Relationships checked against both schemas, as the relationship editor checked them:
 * the source field exists and holds one value (to-one) or an array of values (to-many),
 * the foreign field exists, and both hold the same type, or the values could never match.
 * Pure: the form shows each problem beside the field it is about.
 */
import type { CollectionRef } from "../../state/schema-api.ts";
import { namespace } from "./collections.ts";

type Schema = Record<string, unknown>;

export interface RelationshipDraft {
  /** The source field: a dotted path, `.[]` stepping into arrays. */
  source: string;
  foreign: CollectionRef | undefined;
  foreignField: string;
  isList: boolean;
}

export interface RelationshipProblems {
  source?: string;
  kind?: string;
  foreign?: string;
  foreignField?: string;
}

export interface SchemaField {
  path: string;
  /** The one type it holds ("array" for arrays), or undefined when it admits several. */
  type: string | undefined;
  /** For arrays: the one type of their items. */
  itemType?: string;
}

const NUMERIC = new Set(["int", "long", "double", "decimal", "number"]);

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function canonical(name: string): string {
  if (name.toLowerCase() === "objectid") return "objectId";
  if (name === "boolean") return "bool";
  return name;
}

const JSON_TYPES: Record<string, string> = { boolean: "bool", number: "number", string: "string", object: "object", array: "array", null: "null" };

/** The one non-null type a schema node admits, as GraphQL reads it. */
export function singleType(node: Schema): string | undefined {
  const declared = node.bsonType ?? (node.type === undefined ? undefined : [node.type].flat().map((t) => JSON_TYPES[String(t)] ?? t));
  const names = new Set(
    [declared ?? []]
      .flat()
      .filter((n): n is string => typeof n === "string")
      .map(canonical)
      .filter((n) => n !== "null"),
  );
  if (names.size === 0) return isObject(node.properties) ? "object" : isObject(node.items) ? "array" : undefined;
  return names.size === 1 ? [...names][0] : undefined;
}

/** Every field of a schema a relationship can start from or point to: scalars and arrays, inside embedded objects too. */
export function schemaFields(schema: Schema | undefined): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (node: Schema, prefix: string) => {
    const properties = isObject(node.properties) ? node.properties : {};
    for (const [key, sub] of Object.entries(properties)) {
      if (!isObject(sub)) continue;
      const path = prefix + key;
      const type = singleType(sub);
      if (type === "object") walk(sub, `${path}.`);
      else if (type === "array") out.push({ path, type, itemType: isObject(sub.items) ? singleType(sub.items) : undefined });
      else out.push({ path, type });
    }
  };
  if (schema) walk(schema, "");
  return out;
}

/** The schema node at a source path ("a.b", "list.[].id"), or undefined. */
export function nodeAt(schema: Schema, path: string): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const part of path.split(".")) {
    if (!node) return undefined;
    if (part === "[]") node = isObject(node.items) ? node.items : undefined;
    else node = isObject(node.properties) && isObject(node.properties[part]) ? (node.properties[part] as Schema) : undefined;
  }
  return node;
}

function compatible(a: string, b: string): boolean {
  return a === b || a === "mixed" || b === "mixed" || (NUMERIC.has(a) && NUMERIC.has(b) && (a === "number" || b === "number"));
}

export function checkRelationship(
  draft: RelationshipDraft,
  source: { ref: CollectionRef; schema: Schema | undefined },
  foreignSchema: Schema | undefined,
): RelationshipProblems {
  const problems: RelationshipProblems = {};
  const here = namespace(source.ref);
  let valueType: string | undefined;

  if (!source.schema) problems.source = `${here} has no saved schema: save one first, so the source field and its type are known.`;
  else if (draft.source === "") problems.source = "Choose the field that holds the value to look up.";
  else if (draft.source === "_id") problems.source = "_id cannot be a relationship's source: choose the field that holds the other document's value.";
  else {
    const node = nodeAt(source.schema, draft.source);
    const type = node && singleType(node);
    if (!node) problems.source = `"${draft.source}" is not in the schema of ${here}: add it to the schema and save, or choose another field.`;
    else if (type === undefined) problems.source = `"${draft.source}" admits several types: give it one bsonType, so its values can match the foreign field.`;
    else if (type === "object") problems.source = `"${draft.source}" is an embedded object: choose one of its fields.`;
    else if (draft.isList && type !== "array") problems.kind = `To-many needs an array field, and "${draft.source}" holds one ${type}: choose To-one, or an array field.`;
    else if (!draft.isList && type === "array") problems.kind = `"${draft.source}" is an array: choose To-many, so each of its values is looked up.`;
    else if (type === "array") {
      const items = isObject(node.items) ? singleType(node.items) : undefined;
      if (!items || items === "object" || items === "array") problems.source = `The items of "${draft.source}" must be of one plain type (such as string or objectId) to be looked up.`;
      else valueType = items;
    } else valueType = type;
  }

  if (!draft.foreign) problems.foreign = "Choose the collection the relationship points to.";
  else if (!foreignSchema) problems.foreign = `${namespace(draft.foreign)} has no saved schema: give it one first, so its fields are known.`;
  else if (draft.foreignField === "") problems.foreignField = "Choose the field of the foreign collection that holds the same values.";
  else {
    const node = nodeAt(foreignSchema, draft.foreignField);
    const type = node && singleType(node);
    const there = `${namespace(draft.foreign)}.${draft.foreignField}`;
    if (!node) problems.foreignField = `"${draft.foreignField}" is not in the schema of ${namespace(draft.foreign)}.`;
    else if (type === "object" || type === "array") problems.foreignField = `${there} is ${type === "array" ? "an array" : "an embedded object"}: point to a field that holds one value.`;
    else if (valueType && type && !compatible(valueType, type)) {
      problems.foreignField = `${there} holds ${type} values but "${draft.source}" holds ${valueType}: they would never match. Change one of the two types.`;
    }
  }
  return problems;
}

export function hasProblems(problems: RelationshipProblems): boolean {
  return Object.values(problems).some((p) => p !== undefined);
}

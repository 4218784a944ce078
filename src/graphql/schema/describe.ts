import type { AppModel, CollectionConfig, RelationshipConfig } from "../../config/types.ts";
import { normalizeBsonTypeName, type JsonSchema } from "../../schema/index.ts";
import { capitalize, embeddedTypeName, enumValueName, fieldNameOf, rootNames, typeNameOf } from "../naming/names.ts";
import type { DocTypeSpec, EnumSpec, FieldSpec, ObjectSpec, ScalarName, ScalarShape, Storage, ValueShape } from "./spec.ts";
import { TitledObjects } from "./titled.ts";

/** Names the generator defines itself; a title may not take them. */
export const RESERVED_TYPE_NAMES = new Set([
  "Query",
  "Mutation",
  "String",
  "Int",
  "Float",
  "Boolean",
  "ID",
  "ObjectId",
  "DateTime",
  "Long",
  "InsertManyPayload",
  "UpdateManyPayload",
  "DeleteManyPayload",
  "DefaultPayload",
]);

const SCALARS: Record<string, [ScalarName, Storage]> = {
  objectId: ["ObjectId", "objectId"],
  string: ["String", "string"],
  int: ["Int", "int"],
  long: ["Long", "long"],
  double: ["Float", "double"],
  decimal: ["Float", "decimal"],
  number: ["Float", "number"],
  bool: ["Boolean", "bool"],
  date: ["DateTime", "date"],
  timestamp: ["DateTime", "timestamp"],
};

/** JSON Schema `type` names in bsonType terms. */
const JSON_TYPES: Record<string, string> = { boolean: "bool", number: "number", string: "string", object: "object", array: "array" };

export interface PendingRelation {
  owner: string;
  field: FieldSpec;
  config: RelationshipConfig;
  /** The source path in the document ("assignee", "a.b"). */
  path: string;
}

export interface DescribeContext {
  warnings: string[];
  /** Relationship configs by source path ("assignee", "a.b"); absent for custom types. */
  relationships?: Map<string, RelationshipConfig>;
  /** Filled with the fields that name a relationship, resolved once every type is known. */
  pendingRelations?: PendingRelation[];
  /** Embedded objects named by their title, shared across the app. */
  titled?: TitledObjects;
}

export interface AppDescription {
  types: DocTypeSpec[];
  warnings: string[];
  /** The titled embedded objects of the document types, for custom resolver types to share. */
  titled: TitledObjects;
}

/** The document types of an app: collections with a schema on an Atlas data source, with their relationships. */
export function describeApp(model: AppModel): AppDescription {
  const warnings: string[] = [];
  const natural = model.graphql.config.use_natural_pluralization;
  const atlas = new Set(model.dataSources.filter((source) => source.type === "mongodb-atlas").map((source) => source.name));
  const types: DocTypeSpec[] = [];
  const byName = new Map<string, CollectionConfig>();
  const pending: PendingRelation[] = [];
  const named: { collection: CollectionConfig; schema: JsonSchema; name: string; where: string }[] = [];
  // Names first: a titled embedded object may not take a document type's name, wherever it appears.
  for (const collection of model.collections) {
    const schema = collection.schema as JsonSchema | undefined;
    if (!schema || !atlas.has(collection.service)) continue;
    const where = `${collection.service}/${collection.namespace}`;
    if (!admitsObject(schema)) {
      warnings.push(`${where}: the schema's root must be an object to appear in GraphQL`);
      continue;
    }
    const title = typeof schema.title === "string" && schema.title !== "" ? schema.title : collection.collection;
    const name = typeNameOf(title);
    if (!name || RESERVED_TYPE_NAMES.has(name)) {
      warnings.push(`${where}: "${title}" cannot name a GraphQL type`);
      continue;
    }
    const other = byName.get(name);
    if (other) {
      warnings.push(`${where}: the type name ${name} is already used by ${other.service}/${other.namespace}; titles must be unique`);
      continue;
    }
    byName.set(name, collection);
    named.push({ collection, schema, name, where });
  }
  const titled = new TitledObjects(new Set([...RESERVED_TYPE_NAMES, ...byName.keys()]));
  for (const { collection, schema, name, where } of named) {
    const relationships = new Map(Object.entries(collection.relationships));
    const spec = describeObject(name, schema, { warnings, relationships, pendingRelations: pending, titled });
    if (spec.fields.length === 0) {
      warnings.push(`${where}: the schema has no field GraphQL can represent`);
      continue;
    }
    types.push({ ...spec, service: collection.service, database: collection.database, collection: collection.collection, names: rootNames(name, natural) });
  }
  resolveRelations(types, pending, warnings);
  return { types, warnings, titled };
}

/**
 * An object schema as a GraphQL object description; fields GraphQL cannot represent are
 * left out. Embedded objects are named from `nestedParent`, which is the object's own name
 * except for the items of a custom array type (named from the array's title).
 */
export function describeObject(name: string, schema: JsonSchema, ctx: DescribeContext, path = "", nestedParent = name): ObjectSpec {
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const fields: FieldSpec[] = [];
  const taken = new Set<string>();
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const fieldName = fieldNameOf(key);
    if (fieldName === undefined) {
      const why = key.startsWith("__") ? 'GraphQL reserves names that start with "__"' : "it has no letter or _ to start a GraphQL name with";
      ctx.warnings.push(`${name}: the key ${JSON.stringify(key)} is left out: ${why}`);
      continue;
    }
    if (taken.has(fieldName)) {
      ctx.warnings.push(`${name}: "${key}" maps to the field name ${fieldName}, which another key already uses`);
      continue;
    }
    const sourcePath = path + key;
    const shape = describeValue(sub, nestedParent, fieldName, ctx, sourcePath);
    if (!shape) continue;
    taken.add(fieldName);
    const field: FieldSpec = { name: fieldName, key, required: required.has(key), shape };
    fields.push(field);
    const relation = ctx.relationships?.get(sourcePath);
    if (relation) ctx.pendingRelations?.push({ owner: name, field, config: relation, path: sourcePath });
  }
  return { name, fields };
}

/**
 * An object named by its title: the app's earlier type of that name when this object is
 * identical to it, a new one the first time, or a conflict (the title names something else).
 */
export function describeTitled(name: string, schema: JsonSchema, ctx: DescribeContext, path = "", nestedParent = name): { spec: ObjectSpec } | { conflict: string } {
  const mark = ctx.pendingRelations?.length ?? 0;
  const spec = describeObject(name, schema, ctx, path, nestedParent);
  if (!ctx.titled || spec.fields.length === 0) return { spec };
  const added = ctx.pendingRelations?.slice(mark) ?? [];
  const admission = ctx.titled.admit(
    spec,
    added.map((p) => `${p.path.slice(path.length)}>${JSON.stringify(p.config)}`),
  );
  // A shared or refused spec's fields are not in the schema, so their relationships are not either.
  if (!("spec" in admission) || admission.spec !== spec) ctx.pendingRelations?.splice(mark);
  return admission;
}

function describeValue(schema: JsonSchema, parent: string, fieldName: string, ctx: DescribeContext, path: string): ValueShape | undefined {
  if (!schema || typeof schema !== "object") return undefined;
  const type = singleType(schema);
  if (type === "object") {
    const positional = embeddedTypeName(parent, fieldName);
    const title = typeof schema.title === "string" ? typeNameOf(schema.title) : undefined;
    let object: ObjectSpec | undefined;
    if (title) {
      const titled = describeTitled(title, schema, ctx, `${path}.`);
      if ("spec" in titled) object = titled.spec;
      else ctx.warnings.push(`${parent}.${fieldName}: ${titled.conflict}, so this object's type is named ${positional}`);
    }
    object ??= describeObject(positional, schema, ctx, `${path}.`);
    return object.fields.length > 0 ? { kind: "object", object } : undefined;
  }
  if (type === "array") {
    const items = schema.items;
    if (!items || Array.isArray(items)) return undefined;
    // Relationships are not resolved inside arrays, so the element path is not tracked.
    const item = describeValue(items, parent, fieldName, { warnings: ctx.warnings, titled: ctx.titled }, `${path}.[]`);
    return item && item.kind !== "list" ? { kind: "list", item } : undefined;
  }
  const scalar = type && SCALARS[type];
  if (!scalar) return undefined;
  const shape: ScalarShape = { kind: "scalar", scalar: scalar[0], storage: scalar[1] };
  if (type === "string" && Array.isArray(schema.enum)) {
    const spec = enumOf(parent + capitalize(fieldName), schema.enum);
    if (spec) shape.enum = spec;
  }
  return shape;
}

/** The one non-null type a schema admits, as a canonical bsonType name. */
function singleType(schema: JsonSchema): string | undefined {
  const declared = schema.bsonType ?? (schema.type === undefined ? undefined : toList(schema.type).map((t) => JSON_TYPES[t] ?? t));
  const names = new Set(
    toList(declared ?? [])
      .map((name) => (typeof name === "string" ? (normalizeBsonTypeName(name) ?? name) : ""))
      .filter((name) => name !== "null"),
  );
  if (names.size === 0) {
    if (schema.properties) return "object";
    if (schema.items) return "array";
    return undefined;
  }
  return names.size === 1 ? [...names][0] : undefined;
}

function admitsObject(schema: JsonSchema): boolean {
  const type = singleType(schema);
  return type === "object" || (type === undefined && schema.bsonType === undefined && schema.type === undefined);
}

/** A string enum becomes a GraphQL enum when every value has a distinct valid name. */
function enumOf(name: string, values: unknown[]): EnumSpec | undefined {
  const seen = new Set<string>();
  const out: EnumSpec["values"] = [];
  for (const value of values) {
    if (typeof value !== "string") return undefined;
    const valueName = enumValueName(value);
    if (!valueName || seen.has(valueName)) return undefined;
    seen.add(valueName);
    out.push({ name: valueName, value });
  }
  return out.length > 0 ? { name, values: out } : undefined;
}

function resolveRelations(types: DocTypeSpec[], pending: PendingRelation[], warnings: string[]): void {
  for (const { owner, field, config } of pending) {
    const where = `${owner}.${field.name}`;
    const target = config.target && types.find((t) => t.service === config.target!.service && t.database === config.target!.database && t.collection === config.target!.collection);
    if (!target) {
      warnings.push(`${where}: the relationship's target has no GraphQL type (it needs a schema), so the field stays a plain value`);
      continue;
    }
    if (field.key === "_id") {
      warnings.push(`${where}: _id cannot be a relationship's source field`);
      continue;
    }
    const fitsList = field.shape.kind === "list" && field.shape.item.kind === "scalar";
    if (config.is_list ? !fitsList : field.shape.kind !== "scalar") {
      const expected = config.is_list ? "an array of scalar values" : "a scalar value";
      warnings.push(`${where}: is_list is ${config.is_list}, so the source field must be ${expected}`);
      continue;
    }
    field.relation = { id: `${owner}.${field.name}`, target, foreignKey: config.foreign_key, isList: config.is_list };
  }
}

function toList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}


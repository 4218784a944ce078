/**
 * Custom resolvers (`graphql/custom_resolvers/*.json`): extra Query, Mutation or type
 * fields backed by an app function. The function gets `(input, source)`: `input` only
 * when an input type is set, `source` (the parent document) only on type fields.
 */
import {
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
} from "graphql";

import type { CustomResolverConfig } from "../../config/types.ts";
import type { JsonSchema } from "../../schema/index.ts";
import type { RequestState } from "../execution/state.ts";
import { fromBson, toBson } from "../execution/values.ts";
import { toDocument } from "../execution/write-input.ts";
import { capitalize, isValidName, typeNameOf } from "../naming/names.ts";
import { describeObject, describeTitled, type DescribeContext } from "./describe.ts";
import type { DocTypeSpec, ObjectSpec, ScalarShape, ValueShape } from "./spec.ts";
import type { TitledObjects } from "./titled.ts";
import type { TypeBuilder } from "./types.ts";

type Fields = GraphQLFieldConfigMap<unknown, RequestState>;

const SCALARS: Record<string, ScalarShape> = {};
for (const [names, scalar, storage] of [
  [["String", "string"], "String", "string"],
  [["Int", "int"], "Int", "int"],
  [["Float", "double", "number"], "Float", "double"],
  [["decimal"], "Float", "decimal"],
  [["Boolean", "bool", "boolean"], "Boolean", "bool"],
  [["ObjectId", "objectId", "objectid"], "ObjectId", "objectId"],
  [["DateTime", "date"], "DateTime", "date"],
  [["timestamp"], "DateTime", "timestamp"],
  [["Long", "long"], "Long", "long"],
] as const) {
  for (const name of names) SCALARS[name] = { kind: "scalar", scalar, storage };
}

interface Side<T> {
  type: T;
  /** Converts the coerced argument for the function, or the function's result for GraphQL. */
  convert: (value: unknown) => unknown | Promise<unknown>;
}

const identity = (value: unknown) => value;

export interface CustomFields {
  query: Fields;
  mutation: Fields;
}

/** `titled`: the app's titled embedded objects, which custom types of the same title and fields share. */
export function customResolverFields(
  configs: CustomResolverConfig[],
  builder: TypeBuilder,
  types: DocTypeSpec[],
  warnings: string[],
  titled?: TitledObjects,
): CustomFields {
  const out: CustomFields = { query: {}, mutation: {} };
  const ctx: DescribeContext = { warnings, titled };
  const objects = objectSpecsByName(types);
  for (const config of configs) {
    const where = `custom resolver ${config.on_type}.${config.field_name}`;
    try {
      if (!isValidName(config.field_name)) throw new Error(`"${config.field_name}" is not a valid GraphQL field name`);
      const field = fieldConfig(config, builder, ctx);
      if (config.on_type === "Query" || config.on_type === "Mutation") {
        const target = config.on_type === "Query" ? out.query : out.mutation;
        target[config.field_name] = field;
        continue;
      }
      const parent = objects.get(config.on_type);
      if (!parent) throw new Error(`there is no generated type named ${config.on_type}`);
      if (parent.fields.some((f) => f.name === config.field_name)) throw new Error(`${config.on_type} already has a field ${config.field_name}`);
      builder.addFields(parent.name, () => ({ [config.field_name]: field }));
    } catch (error) {
      warnings.push(`${where}: ${(error as Error).message}; the field is left out`);
    }
  }
  return out;
}

/** Marks the fields whose resolver is an app function. */
export const CUSTOM_RESOLVER_EXTENSION = "realmCustomResolver";

function fieldConfig(config: CustomResolverConfig, builder: TypeBuilder, ctx: DescribeContext): GraphQLFieldConfig<unknown, RequestState> {
  const onRoot = config.on_type === "Query" || config.on_type === "Mutation";
  const input = config.input_type === undefined ? undefined : inputSide(config, builder, ctx);
  const payload = payloadSide(config, builder, ctx);
  return {
    type: payload.type,
    args: input ? { input: { type: input.type } } : {},
    // Runs an app function: the idle warm-up (warm-up.ts) leaves such fields out.
    extensions: { [CUSTOM_RESOLVER_EXTENSION]: true },
    resolve: async (source, args, state) => {
      const call = async () => {
        const value = input ? await input.convert(args.input) : undefined;
        const fnArgs = onRoot ? (input ? [value] : []) : input ? [value, source] : [source];
        return payload.convert(await state.host.callFunction(config.function_name, fnArgs, state.context));
      };
      // A failed mutation resolver stops and undoes the request's other mutations.
      return config.on_type === "Mutation" ? state.write(call) : call();
    },
  };
}

function inputSide(config: CustomResolverConfig, builder: TypeBuilder, ctx: DescribeContext): Side<GraphQLInputType> {
  const format = config.input_type_format;
  const type = config.input_type!;
  if (format === "scalar" || format === "scalar-list") {
    const shape = scalarNamed(type);
    const scalar = builder.scalar(shape);
    if (format === "scalar") return { type: scalar, convert: (v) => toBson(shape, v) };
    return { type: new GraphQLList(scalar), convert: (v) => (Array.isArray(v) ? v.map((x) => toBson(shape, x)) : v) };
  }
  if (format === "generated" || format === "generated-list") {
    const named = typeof type === "string" ? builder.lookup(type) : undefined;
    const resolved = named instanceof GraphQLObjectType ? builder.lookup(`${named.name}InsertInput`) : named;
    if (!(resolved instanceof GraphQLInputObjectType)) throw new Error(`input type ${JSON.stringify(type)} is not a generated input type`);
    // Generated inputs reach the function as coerced: ObjectId, Date and Long values, GraphQL field names.
    return { type: format === "generated" ? resolved : new GraphQLList(resolved), convert: identity };
  }
  if (format === "custom") {
    const shape = customShape(type, `${capitalize(config.field_name)}Input`, ctx);
    const of = (s: ValueShape): GraphQLInputType =>
      s.kind === "scalar" ? builder.scalar(s) : s.kind === "object" ? declare(builder, s.object, "input") : new GraphQLList(of(s.item));
    const convert = (s: ValueShape, v: unknown): unknown | Promise<unknown> => {
      if (v === null || v === undefined) return v;
      if (s.kind === "scalar") return toBson(s, v);
      if (s.kind === "object") return toDocument(s.object, v, NO_CREATES);
      return Promise.all((v as unknown[]).map((x) => convert(s.item, x)));
    };
    return { type: of(shape), convert: (v) => convert(shape, v) };
  }
  throw new Error(`unknown input_type_format ${JSON.stringify(format)}`);
}

function payloadSide(config: CustomResolverConfig, builder: TypeBuilder, ctx: DescribeContext): Side<GraphQLOutputType> {
  const format = config.payload_type_format;
  const type = config.payload_type;
  if (type === undefined) return { type: defaultPayload(builder), convert: () => ({ status: "complete" }) };
  if (format === "scalar" || format === "scalar-list") {
    const shape = scalarNamed(type);
    const scalar = builder.scalar(shape);
    if (format === "scalar") return { type: scalar, convert: (v) => fromBson(shape, v) };
    return { type: new GraphQLList(scalar), convert: (v) => (Array.isArray(v) ? v.map((x) => fromBson(shape, x)) : v) };
  }
  if (format === "generated" || format === "generated-list") {
    const named = typeof type === "string" ? builder.lookup(type) : undefined;
    if (!(named instanceof GraphQLObjectType)) throw new Error(`payload type ${JSON.stringify(type)} is not a generated type`);
    return { type: format === "generated" ? named : new GraphQLList(named), convert: identity };
  }
  if (format === "custom") {
    const shape = customShape(type, `${capitalize(config.field_name)}Payload`, ctx);
    const of = (s: ValueShape): GraphQLOutputType =>
      s.kind === "scalar" ? builder.scalar(s) : s.kind === "object" ? declare(builder, s.object, "output") : new GraphQLList(of(s.item));
    const convert = shape.kind === "scalar" ? (v: unknown) => fromBson(shape, v) : identity;
    return { type: of(shape), convert };
  }
  throw new Error(`unknown payload_type_format ${JSON.stringify(format)}`);
}

const NO_CREATES = {
  createRelated: async (): Promise<unknown[]> => {
    throw new Error("custom inputs have no relationships");
  },
};

function scalarNamed(type: unknown): ScalarShape {
  const shape = typeof type === "string" ? SCALARS[type] : undefined;
  if (!shape) throw new Error(`${JSON.stringify(type)} is not a scalar type`);
  return shape;
}

/**
 * A custom JSON schema type: an object (named by its title, singular), an array of one, or
 * a scalar. An array's untitled items are named `<array name>Item` and the objects nested in
 * them take the array's name as parent, as App Services named them (`RisksPayload` →
 * `[RisksPayloadItem]`, whose `precedents` are `[RisksPayloadPrecedent]`).
 */
function customShape(schema: unknown, fallbackName: string, ctx: DescribeContext, nestedParent?: string): ValueShape {
  if (schema === null || typeof schema !== "object") throw new Error("a custom type must be a JSON schema object");
  const json = schema as JsonSchema;
  const title = typeof json.title === "string" ? typeNameOf(json.title) : undefined;
  const name = title ?? fallbackName;
  const bsonType = Array.isArray(json.bsonType) ? undefined : (json.bsonType ?? json.type);
  if (bsonType === "array" || (bsonType === undefined && json.items)) {
    const items = json.items;
    if (!items || Array.isArray(items)) throw new Error("a custom array type needs one items schema");
    const item = customShape(items, `${name}Item`, ctx, name);
    if (item.kind === "list") throw new Error("arrays of arrays cannot be represented");
    return { kind: "list", item };
  }
  if (bsonType === "object" || (bsonType === undefined && json.properties)) {
    const object = customObject(name, title !== undefined, json, ctx, title ? name : (nestedParent ?? name));
    if (object.fields.length === 0) throw new Error(`the custom type ${name} has no field GraphQL can represent`);
    return { kind: "object", object };
  }
  return scalarNamed(typeof bsonType === "string" ? (bsonType === "boolean" ? "bool" : bsonType) : undefined);
}

/** A titled custom object shares the app's type of that title when identical; otherwise it keeps its name, and a clash leaves the resolver out. */
function customObject(name: string, titled: boolean, json: JsonSchema, ctx: DescribeContext, nestedParent: string): ObjectSpec {
  if (!titled) return describeObject(name, json, ctx, "", nestedParent);
  const admission = describeTitled(name, json, ctx, "", nestedParent);
  return "spec" in admission ? admission.spec : describeObject(name, json, ctx, "", nestedParent);
}

/** Creates a custom object type and its nested types now, so a name clash shows up here. */
function declare<K extends "input" | "output">(builder: TypeBuilder, spec: ObjectSpec, kind: K): K extends "input" ? GraphQLInputObjectType : GraphQLObjectType {
  for (const field of spec.fields) {
    const shape = field.shape.kind === "list" ? field.shape.item : field.shape;
    if (shape.kind === "object") declare(builder, shape.object, kind);
    if (shape.kind === "scalar" && shape.enum) builder.scalar(shape);
  }
  return (kind === "input" ? builder.plainInput(spec) : builder.output(spec)) as K extends "input" ? GraphQLInputObjectType : GraphQLObjectType;
}

function defaultPayload(builder: TypeBuilder): GraphQLObjectType {
  const existing = builder.lookup("DefaultPayload");
  if (existing instanceof GraphQLObjectType) return existing;
  return builder.claim(new GraphQLObjectType({ name: "DefaultPayload", fields: { status: { type: new GraphQLNonNull(GraphQLString) } } }));
}

/** Document and embedded types by name: the types a custom resolver may add a field to. */
function objectSpecsByName(types: DocTypeSpec[]): Map<string, ObjectSpec> {
  const found = new Map<string, ObjectSpec>();
  const visit = (spec: ObjectSpec) => {
    if (found.has(spec.name)) return;
    found.set(spec.name, spec);
    for (const field of spec.fields) {
      const shape = field.shape.kind === "list" ? field.shape.item : field.shape;
      if (shape.kind === "object") visit(shape.object);
    }
  };
  types.forEach(visit);
  return found;
}

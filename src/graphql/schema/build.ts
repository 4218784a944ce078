import { GraphQLObjectType, GraphQLSchema, printSchema, validateSchema, type GraphQLFieldConfigMap } from "graphql";

import type { AppModel } from "../../config/types.ts";
import { explainRootFields } from "../execution/explain.ts";
import type { RequestState } from "../execution/state.ts";
import { customResolverFields } from "./custom.ts";
import { describeApp } from "./describe.ts";
import { mutationFields, payloadTypes, queryFields } from "./root.ts";
import { refusedNames } from "./operators.ts";
import type { DocTypeSpec, ObjectSpec } from "./spec.ts";
import type { TitledObjects } from "./titled.ts";
import { TypeBuilder } from "./types.ts";

type Fields = GraphQLFieldConfigMap<unknown, RequestState>;

export interface AppSchema {
  /** Undefined when the schema cannot be generated; `errors` says why. */
  schema: GraphQLSchema | undefined;
  errors: string[];
  /** The document types the schema was generated from. */
  types: DocTypeSpec[];
  /** What was left out and why (no schema, clashing names, unsupported types…). */
  warnings: string[];
}

const cache = new WeakMap<AppModel, AppSchema>();

/**
 * The generated GraphQL API of an app, built once per model object: a deploy produces a
 * new model, so the next request sees the new schema.
 */
export function appSchemaOf(model: AppModel): AppSchema {
  let built = cache.get(model);
  if (!built) {
    built = generate(model);
    cache.set(model, built);
  }
  return built;
}

/** The generated schema; throws when the app's schemas cannot form one (e.g. clashing type names). */
export function buildAppSchema(model: AppModel): GraphQLSchema {
  const { schema, errors } = appSchemaOf(model);
  if (!schema) throw new Error(`the GraphQL schema cannot be generated: ${errors.join("; ")}`);
  return schema;
}

/** The schema in SDL, as the App Services UI offered it for download. */
export function printAppSchema(model: AppModel): string {
  return printSchema(buildAppSchema(model));
}

function generate(model: AppModel): AppSchema {
  const { types, titled, warnings } = describeApp(model);
  warnings.push(...refusedNameWarnings(types));
  // An object shared by several collections is described once per place: say each thing once.
  const result = (schema: GraphQLSchema | undefined, errors: string[]): AppSchema => ({ schema, errors, types, warnings: [...new Set(warnings)] });
  if (types.length === 0 && model.graphql.customResolvers.length === 0) {
    return result(undefined, ["no collection has a schema yet; GraphQL types are generated from collection schemas"]);
  }
  try {
    const schema = assemble(model, types, warnings, titled);
    const errors = validateSchema(schema).map((error) => error.message);
    return result(errors.length ? undefined : schema, errors);
  } catch (error) {
    return result(undefined, [(error as Error).message]);
  }
}

function assemble(model: AppModel, types: DocTypeSpec[], warnings: string[], titled: TitledObjects): GraphQLSchema {
  const builder = new TypeBuilder();
  const payloads = payloadTypes(builder);
  builder.declare(types);
  const query: Fields = {};
  const mutation: Fields = {};
  for (const spec of types) {
    Object.assign(query, queryFields(spec, builder));
    Object.assign(mutation, mutationFields(spec, builder, payloads));
  }
  const custom = customResolverFields(model.graphql.customResolvers, builder, types, warnings, titled);
  for (const [root, fields, generated] of [
    ["Query", custom.query, query],
    ["Mutation", custom.mutation, mutation],
  ] as const) {
    for (const [name, field] of Object.entries(fields)) {
      if (name in generated) warnings.push(`custom resolver ${root}.${name}: a generated field has that name; the field is left out`);
      else generated[name] = field;
    }
  }
  explainRootFields("Query", query);
  explainRootFields("Mutation", mutation);
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: query }),
    mutation: Object.keys(mutation).length ? new GraphQLObjectType({ name: "Mutation", fields: mutation }) : undefined,
  });
}

/** One warning per type whose QueryInput, UpdateInput or SortByInput left out names GraphQL cannot take. */
function refusedNameWarnings(types: DocTypeSpec[]): string[] {
  const out: string[] = [];
  const seen = new Set<ObjectSpec>();
  const visit = (spec: ObjectSpec) => {
    if (seen.has(spec)) return;
    seen.add(spec);
    const { query, update, sort } = refusedNames(spec);
    const names = [...query, ...update, ...sort];
    if (names.length > 0) {
      const why = names.every((n) => n.startsWith("__")) ? 'GraphQL reserves names that start with "__"' : "they are not valid GraphQL names";
      out.push(`${spec.name}: the generated input fields and sort values ${names.join(", ")} are left out: ${why}`);
    }
    for (const field of spec.fields) {
      const shape = field.shape.kind === "list" ? field.shape.item : field.shape;
      if (shape.kind === "object") visit(shape.object);
    }
  };
  types.forEach(visit);
  return out;
}

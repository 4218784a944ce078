/** The per-collection Query and Mutation fields, with the observed signatures. */
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, type GraphQLFieldConfigMap } from "graphql";

import { DEFAULT_LIMIT, rootResolvers } from "../execution/resolvers.ts";
import type { RequestState } from "../execution/state.ts";
import { GraphQLObjectId } from "./scalars.ts";
import type { DocTypeSpec } from "./spec.ts";
import type { TypeBuilder } from "./types.ts";

type Fields = GraphQLFieldConfigMap<unknown, RequestState>;

export interface Payloads {
  insertMany: GraphQLObjectType;
  updateMany: GraphQLObjectType;
  deleteMany: GraphQLObjectType;
}

export function payloadTypes(builder: TypeBuilder): Payloads {
  const nonNullInt = { type: new GraphQLNonNull(GraphQLInt) };
  return {
    insertMany: builder.claim(
      new GraphQLObjectType({ name: "InsertManyPayload", fields: { insertedIds: { type: new GraphQLNonNull(new GraphQLList(GraphQLObjectId)) } } }),
    ),
    updateMany: builder.claim(new GraphQLObjectType({ name: "UpdateManyPayload", fields: { matchedCount: nonNullInt, modifiedCount: nonNullInt } })),
    deleteMany: builder.claim(new GraphQLObjectType({ name: "DeleteManyPayload", fields: { deletedCount: nonNullInt } })),
  };
}

export function queryFields(spec: DocTypeSpec, builder: TypeBuilder): Fields {
  const resolve = rootResolvers(spec);
  const output = builder.output(spec);
  const query = { type: builder.queryInput(spec) };
  const sortBy = builder.sortBy(spec);
  return {
    [spec.names.one]: { type: output, args: { query }, resolve: resolve.one },
    [spec.names.many]: {
      type: new GraphQLNonNull(new GraphQLList(output)),
      args: { query, limit: { type: GraphQLInt, defaultValue: DEFAULT_LIMIT }, ...(sortBy ? { sortBy: { type: sortBy } } : {}) },
      resolve: resolve.many,
    },
  };
}

export function mutationFields(spec: DocTypeSpec, builder: TypeBuilder, payloads: Payloads): Fields {
  const resolve = rootResolvers(spec);
  const output = builder.output(spec);
  const query = { type: builder.queryInput(spec) };
  const insert = builder.insertInput(spec);
  const data = { type: new GraphQLNonNull(insert) };
  const set = { type: new GraphQLNonNull(builder.updateInput(spec)) };
  const { names } = spec;
  return {
    [names.insertOne]: { type: output, args: { data }, resolve: resolve.insertOne },
    [names.insertMany]: {
      type: payloads.insertMany,
      args: { data: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(insert))) } },
      resolve: resolve.insertMany,
    },
    [names.updateOne]: { type: output, args: { query, set }, resolve: resolve.updateOne },
    [names.updateMany]: { type: payloads.updateMany, args: { query, set }, resolve: resolve.updateMany },
    [names.upsertOne]: { type: output, args: { query, data }, resolve: resolve.upsertOne },
    [names.replaceOne]: { type: output, args: { query, data }, resolve: resolve.replaceOne },
    [names.deleteOne]: { type: output, args: { query: { type: new GraphQLNonNull(builder.queryInput(spec)) } }, resolve: resolve.deleteOne },
    [names.deleteMany]: { type: payloads.deleteMany, args: { query }, resolve: resolve.deleteMany },
  };
}

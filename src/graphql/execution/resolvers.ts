/**
 * The resolvers of the generated root fields. Each goes through the MongoDB service as
 * the caller, so rules filter what is read and refuse what may not be written; the
 * service's error message becomes the GraphQL error.
 */
import type { GraphQLFieldResolver } from "graphql";

import { sortTable } from "../schema/operators.ts";
import type { DocTypeSpec } from "../schema/spec.ts";
import { toFilter } from "./filter.ts";
import type { RequestState } from "./state.ts";
import { toDocument, toUpdate } from "./write-input.ts";

type Args = Record<string, unknown>;
export type RootResolver = GraphQLFieldResolver<unknown, RequestState, Args>;
export type RootResolvers = Record<keyof DocTypeSpec["names"], RootResolver>;

export const DEFAULT_LIMIT = 100;

export function rootResolvers(spec: DocTypeSpec): RootResolvers {
  const filterOf = (state: RequestState, query: unknown) => toFilter(spec, query, state);
  const collection = (state: RequestState) => state.collection(spec);

  /** Reads back a written document as the caller may see it. */
  const readBack = (state: RequestState, id: unknown) => (id === undefined ? null : collection(state).findOne({ _id: id }));

  return {
    one: async (_source, args, state) => collection(state).findOne(await filterOf(state, args.query)),

    many: async (_source, args, state) => {
      const filter = await filterOf(state, args.query);
      const entry = typeof args.sortBy === "string" ? sortTable(spec).get(args.sortBy) : undefined;
      const limit = typeof args.limit === "number" ? args.limit : DEFAULT_LIMIT;
      return collection(state).find(filter, undefined, { limit, sort: entry ? { [entry.key]: entry.direction } : undefined });
    },

    insertOne: async (_source, args, state) => {
      const id = await state.write(async () => {
        const doc = await toDocument(spec, args.data, state);
        const { insertedId } = await collection(state).insertOne(doc);
        state.journal.inserted(spec, [insertedId]);
        return insertedId;
      });
      return readBack(state, id);
    },

    insertMany: (_source, args, state) =>
      state.write(async () => {
        const docs = await Promise.all((args.data as unknown[]).map((data) => toDocument(spec, data, state)));
        const { insertedIds } = await collection(state).insertMany(docs);
        state.journal.inserted(spec, insertedIds);
        return { insertedIds };
      }),

    updateOne: (_source, args, state) =>
      state.write(async () => {
        const update = await toUpdate(spec, args.set, state);
        let filter = await filterOf(state, args.query);
        if (Object.keys(update).length === 0) return collection(state).findOne(filter);
        filter = await state.journal.before(spec, collection(state), filter, false);
        return collection(state).findOneAndUpdate(filter, update, { returnNewDocument: true });
      }),

    updateMany: (_source, args, state) =>
      state.write(async () => {
        const update = await toUpdate(spec, args.set, state);
        let filter = await filterOf(state, args.query);
        if (Object.keys(update).length === 0) return { matchedCount: await collection(state).count(filter), modifiedCount: 0 };
        filter = await state.journal.before(spec, collection(state), filter, true);
        const { matchedCount, modifiedCount } = await collection(state).updateMany(filter, update);
        return { matchedCount, modifiedCount };
      }),

    // The data is a whole InsertInput, so a match is replaced rather than merged.
    upsertOne: (_source, args, state) =>
      state.write(async () => {
        const doc = await toDocument(spec, args.data, state);
        const query = await filterOf(state, args.query);
        const filter = await state.journal.before(spec, collection(state), query, false);
        const result = await collection(state).findOneAndReplace(filter, doc, { upsert: true, returnNewDocument: true });
        // Nothing was pinned, so nothing matched: the upsert inserted.
        if (state.journal.mode === "full" && filter === query && result?._id !== undefined) state.journal.inserted(spec, [result._id]);
        return result;
      }),

    replaceOne: (_source, args, state) =>
      state.write(async () => {
        const doc = await toDocument(spec, args.data, state);
        const filter = await state.journal.before(spec, collection(state), await filterOf(state, args.query), false);
        return collection(state).findOneAndReplace(filter, doc, { returnNewDocument: true });
      }),

    deleteOne: (_source, args, state) =>
      state.write(async () => {
        const filter = await state.journal.before(spec, collection(state), await filterOf(state, args.query), false);
        return collection(state).findOneAndDelete(filter);
      }),

    deleteMany: (_source, args, state) =>
      state.write(async () => {
        const filter = await state.journal.before(spec, collection(state), await filterOf(state, args.query), true);
        return collection(state).deleteMany(filter);
      }),
  };
}

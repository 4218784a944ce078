import type { FilterConfig, RoleConfig, RulesConfig } from "../../../src/config/types.ts";
import type { Document } from "../../../src/bson/types.ts";
import { EXPRESSIONS, USERS, type FieldSpec, type FilterSpec, type RoleSpec, type RuleSetSpec, type Tag } from "./model.ts";

/** A small, fast, seeded generator (mulberry32). */
export function prng(seed: number): Rand {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const chance = (rand: Rand, p: number) => rand() < p;
const int = (rand: Rand, below: number) => Math.floor(rand() * below);

/* ----- rules ----- */

const FIELD_PERMISSIONS: (Tag | undefined)[] = [undefined, "true", "false", "owner", "hasEmail", "thisNot7", "prevMissing", "fnNot7"];
const DOCUMENT_TAGS = ["true", "false", "owner", "hasEmail", "bIsP"] as const;

function randomRole(rand: Rand, index: number, modern: boolean): RoleSpec {
  const fields: Record<string, FieldSpec> = {};
  for (const name of ["_id", "owner", "a", "b", "tags"]) {
    if (chance(rand, name === "_id" ? 0.15 : 0.4)) fields[name] = { read: pick(rand, FIELD_PERMISSIONS), write: pick(rand, FIELD_PERMISSIONS) };
  }
  if (chance(rand, 0.5)) {
    fields.meta = chance(rand, 0.4)
      ? { read: pick(rand, FIELD_PERMISSIONS), write: pick(rand, FIELD_PERMISSIONS) }
      : { fields: { x: { read: pick(rand, FIELD_PERMISSIONS), write: pick(rand, FIELD_PERMISSIONS) }, ...(chance(rand, 0.3) && { y: { read: pick(rand, FIELD_PERMISSIONS) } }) } };
  }
  const role: RoleSpec = {
    name: `role${index}`,
    applyWhen: pick(rand, ["true", "owner", "tags", "hasEmail", "emailA", "aIsOne", "bIsP", "fnOwner"] as const),
    read: pick(rand, [undefined, undefined, "true", "false", "owner", "bIsP", "fnOwner"] as const),
    // Generous whole-document writes, so that inserts and deletes are allowed often enough to compare what they store.
    write: pick(rand, [undefined, "true", "true", "owner", "hasEmail", "isNew"] as const),
    insert: pick(rand, [undefined, "true", "true", "false", "owner"] as const),
    delete: pick(rand, [undefined, "true", "true", "false", "owner", "aIsOne"] as const),
    search: modern ? true : undefined,
    fields,
    additional: { read: pick(rand, FIELD_PERMISSIONS), write: pick(rand, [undefined, undefined, "true", "false", "owner", "thisNot7"] as const) },
  };
  if (modern && chance(rand, 0.4)) {
    role.documentFilters = { read: pick(rand, [undefined, ...DOCUMENT_TAGS]), write: pick(rand, [undefined, ...DOCUMENT_TAGS]) };
  }
  return role;
}

const FILTER_QUERIES: Document[] = [{}, { owner: "%%user.id" }, { a: { $gte: 1 } }, { b: "p" }, { tags: "%%user.id" }];
const FILTER_PROJECTIONS: Document[] = [{}, {}, { b: 0 }, { meta: 0 }, { tags: 0, _id: 0 }, { a: 1, owner: 1 }, { _id: 0, a: 1 }];

function randomFilter(rand: Rand, index: number): FilterSpec {
  return {
    name: `filter${index}`,
    applyWhen: pick(rand, ["true", "false", "hasEmail", "emailA", "owner", "fnOwner"] as const),
    query: pick(rand, FILTER_QUERIES),
    projection: pick(rand, FILTER_PROJECTIONS),
  };
}

export function randomRuleSet(rand: Rand): RuleSetSpec {
  const modern = chance(rand, 0.4);
  const roles = Array.from({ length: 1 + int(rand, 3) }, (_, i) => randomRole(rand, i, modern));
  const filters = chance(rand, 0.35) ? Array.from({ length: 1 + int(rand, 2) }, (_, i) => randomFilter(rand, i)) : [];
  return { roles, filters };
}

export function toRulesConfig(spec: RuleSetSpec): RulesConfig {
  const expr = (tag: Tag | undefined) => (tag === undefined ? undefined : EXPRESSIONS[tag]);
  const fields = (specs: Record<string, FieldSpec>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(specs).map(([name, f]) => [
        name,
        { ...(f.read && { read: expr(f.read) }), ...(f.write && { write: expr(f.write) }), ...(f.fields && { fields: fields(f.fields) }) },
      ]),
    );
  const roles = spec.roles.map((role) => {
    const config: Record<string, unknown> = { name: role.name, apply_when: expr(role.applyWhen), fields: fields(role.fields) };
    for (const key of ["read", "write", "insert", "delete"] as const) if (role[key]) config[key] = expr(role[key]);
    if (role.search !== undefined) config.search = role.search;
    if (role.documentFilters) {
      const { read, write } = role.documentFilters;
      config.document_filters = { ...(read && { read: expr(read) }), ...(write && { write: expr(write) }) };
    }
    config.additional_fields = { ...(role.additional.read && { read: expr(role.additional.read) }), ...(role.additional.write && { write: expr(role.additional.write) }) };
    return config as RoleConfig;
  });
  const filters = spec.filters.map(
    (filter) => ({ name: filter.name, apply_when: expr(filter.applyWhen), query: filter.query, projection: filter.projection }) as FilterConfig,
  );
  return { roles, filters };
}

/* ----- documents and operations ----- */

const OWNERS = ["u0", "u1", "u2", "zz"];

export function randomDoc(rand: Rand, id: number): Document {
  const doc: Document = { _id: id };
  if (chance(rand, 0.8)) doc.owner = pick(rand, OWNERS);
  if (chance(rand, 0.5)) doc.tags = USERS.map((u) => u.id).filter(() => chance(rand, 0.4));
  if (chance(rand, 0.7)) doc.a = pick(rand, [0, 1, 2, 7]);
  if (chance(rand, 0.5)) doc.b = pick(rand, ["p", "q"]);
  if (chance(rand, 0.6)) {
    doc.meta = pick(rand, [{ x: int(rand, 3), y: 1 }, { y: 2 }, { x: 7 }, "m", [{ x: 1 }, 7]] as const);
  }
  return doc;
}

export type Op =
  | { kind: "find"; filter: Document; sort?: Document; limit?: number }
  | { kind: "findOne" | "count" | "deleteOne" | "deleteMany"; filter: Document }
  | { kind: "findOneAndDelete"; filter: Document; sort?: Document }
  | { kind: "distinct"; field: string; filter: Document }
  | { kind: "aggregate"; pipeline: Document[] }
  | { kind: "insertOne"; doc: Document }
  | { kind: "insertMany"; docs: Document[] }
  | { kind: "updateOne" | "updateMany"; filter: Document; update: Document; upsert: boolean }
  | { kind: "replaceOne"; filter: Document; replacement: Document; upsert: boolean }
  | { kind: "findOneAndUpdate"; filter: Document; update: Document; upsert: boolean; returnNew: boolean; sort?: Document }
  | { kind: "findOneAndReplace"; filter: Document; replacement: Document; upsert: boolean; returnNew: boolean; sort?: Document };

export const OP_KINDS = [
  "find", "findOne", "count", "distinct", "aggregate", "insertOne", "insertMany", "updateOne", "updateMany", "replaceOne",
  "findOneAndUpdate", "findOneAndReplace", "deleteOne", "deleteMany", "findOneAndDelete",
] as const satisfies readonly Op["kind"][];

function requestFilter(rand: Rand, ids: number[]): Document {
  const id = () => (ids.length > 0 && chance(rand, 0.9) ? pick(rand, ids) : 999);
  return pick(rand, [
    () => ({}),
    () => ({ _id: id() }),
    () => ({ _id: id() }),
    () => ({ _id: { $in: [id(), id(), 999] } }),
    () => ({ _id: { $gte: pick(rand, [1, 4, 7, 100]) } }),
    () => ({ owner: pick(rand, OWNERS) }),
    () => ({ a: { $gte: 1 } }),
    () => ({ a: pick(rand, [0, 1, 2, 7]) }),
    () => ({ tags: pick(rand, OWNERS) }),
    () => ({ b: { $exists: chance(rand, 0.5) } }),
    () => ({ "meta.x": { $in: [0, 1] } }),
    () => ({ $or: [{ a: 0 }, { owner: pick(rand, OWNERS) }] }),
  ])();
}

/** An update of one field (sometimes with a second); `meta.x` fails where `meta` is not a document. */
function randomUpdate(rand: Rand): Document {
  const fields = ["owner", "a", "b", "tags", "meta", "meta.x"];
  const field = pick(rand, fields);
  if (chance(rand, 0.15)) return { $unset: { [field]: "" } };
  if (field === "a" && chance(rand, 0.4)) return { $inc: { a: 1 } };
  if (field === "tags" && chance(rand, 0.5)) return { $push: { tags: pick(rand, ["u0", "u1", "u2"]) } };
  const value = {
    owner: () => pick(rand, ["u0", "u1", "zz"]),
    a: () => pick(rand, [0, 1, 7]),
    b: () => pick(rand, ["p", "r"]),
    tags: () => [pick(rand, ["u0", "u1"])],
    meta: () => pick(rand, [{ y: 3 }, { x: 1, y: 1 }, "m", [{ x: 0 }, 7]] as const),
    "meta.x": () => pick(rand, [0, 1, 7]),
  }[field]!();
  return chance(rand, 0.2) ? { $set: { [field]: value, b: "p" } } : { $set: { [field]: value } };
}

function randomReplacement(rand: Rand): Document {
  const doc = randomDoc(rand, 0);
  delete doc._id;
  return doc;
}

const PIPELINES = (rand: Rand, ids: number[]): Document[][] => [
  [{ $match: requestFilter(rand, ids) }],
  [{ $match: requestFilter(rand, ids) }, { $count: "n" }],
  [{ $group: { _id: "$owner", n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
  [{ $project: { _id: 0, a: 1 } }],
];

/** One random operation against a collection holding `stored` (for its ids). */
export function randomOp(rand: Rand, stored: Document[], freshId: () => number): Op {
  const ids = stored.map((doc) => doc._id as number);
  const kind = pick(rand, OP_KINDS);
  const filter = requestFilter(rand, ids);
  // Upserts insert `{_id}` from the filter; an existing (maybe withheld) _id makes a duplicate.
  const upsertFilter = () => ({ _id: chance(rand, 0.8) ? freshId() : pick(rand, [...ids, 999]) });
  const sortBy = () => (chance(rand, 0.3) ? { sort: { a: pick(rand, [1, -1]) } } : {});
  const newDoc = () => randomDoc(rand, chance(rand, 0.9) || ids.length === 0 ? freshId() : pick(rand, ids));
  switch (kind) {
    case "find":
      return { kind, filter, ...sortBy(), ...(chance(rand, 0.3) && { limit: 1 + int(rand, 3) }) };
    case "findOne":
    case "count":
    case "deleteOne":
    case "deleteMany":
      return { kind, filter };
    case "findOneAndDelete":
      return { kind, filter, ...sortBy() };
    case "distinct":
      return { kind, field: pick(rand, ["owner", "tags", "a"]), filter };
    case "aggregate":
      return { kind, pipeline: pick(rand, PIPELINES(rand, ids)) };
    case "insertOne":
      return { kind, doc: newDoc() };
    case "insertMany":
      return { kind, docs: Array.from({ length: 1 + int(rand, 3) }, newDoc) };
    case "updateOne":
    case "updateMany": {
      const upsert = kind === "updateOne" && chance(rand, 0.2);
      const f = upsert ? upsertFilter() : filter;
      return { kind, filter: f, update: randomUpdate(rand), upsert };
    }
    case "replaceOne": {
      const upsert = chance(rand, 0.2);
      return { kind, filter: upsert ? upsertFilter() : filter, replacement: randomReplacement(rand), upsert };
    }
    case "findOneAndUpdate": {
      const upsert = chance(rand, 0.2);
      return { kind, filter: upsert ? upsertFilter() : filter, update: randomUpdate(rand), upsert, returnNew: chance(rand, 0.5), ...sortBy() };
    }
    case "findOneAndReplace": {
      const upsert = chance(rand, 0.2);
      return { kind, filter: upsert ? upsertFilter() : filter, replacement: randomReplacement(rand), upsert, returnNew: chance(rand, 0.5), ...sortBy() };
    }
  }
}

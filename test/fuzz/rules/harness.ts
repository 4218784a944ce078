import type { RulesConfig } from "../../../src/config/types.ts";
import type { Document } from "../../../src/bson/types.ts";
import { Mutex } from "../../../src/core/mutex.ts";
import { SYSTEM_POLICY } from "../../../src/services/mongodb-atlas/access-policy.ts";
import type { MongoCollection } from "../../../src/services/mongodb-atlas/collection.ts";
import { createRulePolicy } from "../../../src/services/mongodb-atlas/rule-policy.ts";
import { MongoDBService, type ServiceCatalog } from "../../../src/services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, userContext, type RequestUser } from "../../../src/services/request-context.ts";
import { SandboxDatabase } from "../../../src/storage/database.ts";
import { DocumentStore } from "../../../src/storage/document-store.ts";
import { fakeClock, freshIndexedDB } from "../../helpers/idb.ts";
import { pick, prng, randomDoc, randomOp, randomRuleSet, toRulesConfig, type Op } from "./generate.ts";
import { FUNCTIONS, Reference, Refused, USERS, isObject, matches, same } from "./model.ts";

/*
 * Runs random operations as random users against the real service and against the
 * model (model.ts), one rule set at a time, and reports every difference in what a
 * request returns or refuses and in what is stored afterwards.
 */

export interface Mismatch {
  /** How to replay it: the rule set's seed and the step. */
  seed: number;
  step: number;
  op: Op;
  user: string;
  rules: RulesConfig;
  expected: string;
  actual: string;
}

export interface Tally {
  cases: number;
  /** Per operation kind, per outcome: "ok", "empty" (ok, but nothing found), "denied", "error". */
  outcomes: Record<string, Record<string, number>>;
  mismatches: Mismatch[];
}

export function emptyTally(): Tally {
  return { cases: 0, outcomes: {}, mismatches: [] };
}

/** One service over a fresh in-memory IndexedDB; each rule set gets its own collection. */
export function openService(): { collection: (name: string, user?: RequestUser) => MongoCollection; setRules: (rules: RulesConfig) => void } {
  const clock = fakeClock();
  const store = new DocumentStore(new SandboxDatabase(`rules-fuzz-${Math.random()}`, freshIndexedDB()), clock.now);
  let rules: RulesConfig = { roles: [], filters: [] };
  const callFunction = (name: string, args: unknown[]) => Promise.resolve(FUNCTIONS[name](...args));
  const catalog: ServiceCatalog = {
    hasService: () => true,
    schemaOf: () => undefined,
    policyFor: (_service, namespace, context) => (context.system ? SYSTEM_POLICY : createRulePolicy({ rules, namespace, context, callFunction })),
    collectionNames: () => [],
  };
  const env = { store, mutex: new Mutex(), clock: clock.now, catalog: () => catalog };
  return {
    collection: (name, user) => new MongoDBService(env, user ? userContext(user) : SYSTEM_CONTEXT).db("fuzz").collection(name),
    setRules: (next) => void (rules = next),
  };
}

/** Runs `steps` cases on the rule set, documents and operations that `seed` generates. */
export async function runRuleSet(service: ReturnType<typeof openService>, seed: number, steps: number, tally: Tally): Promise<void> {
  const rand = prng(seed);
  const spec = randomRuleSet(rand);
  const rules = toRulesConfig(spec);
  service.setRules(rules);
  const reference = new Reference(spec);
  const name = `c${seed}`;
  let stored: Document[] = Array.from({ length: 8 }, (_, i) => randomDoc(rand, i + 1));
  await service.collection(name).insertMany(structuredClone(stored));
  let nextId = 100;

  for (let step = 0; step < steps; step++) {
    const user = pick(rand, USERS);
    const op = randomOp(rand, stored, () => nextId++);
    const expected = expect(reference, user, op, stored);
    const actual = await perform(service.collection(name, user), op);
    const after = await service.collection(name).find({});
    const wanted = expected.state ?? stored;
    tally.cases++;
    const byKind = (tally.outcomes[op.kind] ??= {});
    const label = actual.outcome === "ok" && isEmpty(actual.value) ? "empty" : actual.outcome;
    byKind[label] = (byKind[label] ?? 0) + 1;
    const a = describe(actual, after);
    const e = describe(expected, wanted);
    if (a !== e) tally.mismatches.push({ seed, step, op, user: user.id, rules, expected: e, actual: a });
    // Go on from what the service stored, so one difference is reported once.
    stored = after;
  }
}

interface Outcome {
  outcome: "ok" | "denied" | "error";
  /** The result, or the error message. */
  value: unknown;
  /** What the collection holds afterwards (the model's prediction; undefined: unchanged). */
  state?: Document[];
}

/** A result that shows nothing: no document, no count. */
function isEmpty(value: unknown): boolean {
  return value === null || value === 0 || (Array.isArray(value) && value.length === 0) || (isObject(value) && (value.matchedCount === 0 || value.deletedCount === 0));
}

function describe(outcome: Outcome, state: Document[]): string {
  return JSON.stringify({ outcome: outcome.outcome, value: outcome.value, state });
}

async function perform(c: MongoCollection, op: Op): Promise<Outcome> {
  try {
    return { outcome: "ok", value: await call(c, op) };
  } catch (error) {
    const message = (error as Error).message;
    if (/^(insert|update|delete) not permitted$/.test(message)) return { outcome: "denied", value: message };
    const known = message.startsWith("E11000") ? "duplicate key" : message.startsWith("Cannot create field") ? "cannot create field" : message;
    return { outcome: "error", value: known };
  }
}

function call(c: MongoCollection, op: Op): Promise<unknown> {
  switch (op.kind) {
    case "find":
      return c.find(op.filter, undefined, { sort: op.sort, limit: op.limit });
    case "findOne":
      return c.findOne(op.filter);
    case "count":
      return c.count(op.filter);
    case "distinct":
      return c.distinct(op.field, op.filter);
    case "aggregate":
      return c.aggregate(op.pipeline);
    case "insertOne":
      return c.insertOne(structuredClone(op.doc));
    case "insertMany":
      return c.insertMany(structuredClone(op.docs));
    case "updateOne":
      return c.updateOne(op.filter, op.update, { upsert: op.upsert });
    case "updateMany":
      return c.updateMany(op.filter, op.update);
    case "replaceOne":
      return c.replaceOne(op.filter, structuredClone(op.replacement), { upsert: op.upsert });
    case "findOneAndUpdate":
      return c.findOneAndUpdate(op.filter, op.update, { upsert: op.upsert, returnNewDocument: op.returnNew, sort: op.sort });
    case "findOneAndReplace":
      return c.findOneAndReplace(op.filter, structuredClone(op.replacement), { upsert: op.upsert, returnNewDocument: op.returnNew, sort: op.sort });
    case "deleteOne":
      return c.deleteOne(op.filter);
    case "deleteMany":
      return c.deleteMany(op.filter);
    case "findOneAndDelete":
      return c.findOneAndDelete(op.filter, { sort: op.sort });
  }
}

/* ----- what the model expects ----- */

function expect(reference: Reference, user: RequestUser, op: Op, stored: Document[]): Outcome {
  try {
    return expectOrRefuse(reference, user, op, stored);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const denied = /not permitted$/.test(error.message);
    return { outcome: denied ? "denied" : "error", value: error.message };
  }
}

function expectOrRefuse(reference: Reference, user: RequestUser, op: Op, stored: Document[]): Outcome {
  const ok = (value: unknown, state?: Document[]): Outcome => ({ outcome: "ok", value, state });
  const selected = () => reference.selected(user, stored, "filter" in op ? op.filter : {});
  switch (op.kind) {
    case "find": {
      // The query runs on the stored documents, sort included; the rules then shape each result.
      const docs = sorted(selected(), op.sort).map((m) => m.visible);
      return ok(op.limit ? docs.slice(0, op.limit) : docs);
    }
    case "findOne":
      return ok(selected()[0]?.visible ?? null);
    case "count":
      return ok(selected().length);
    case "distinct": {
      const values: unknown[] = [];
      for (const { visible } of selected()) {
        const value = visible[op.field];
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) if (!values.some((v) => same(v, item))) values.push(item);
      }
      return ok(values);
    }
    case "aggregate":
      return ok(pipeline(op.pipeline, reference.selected(user, stored, {}).map((m) => m.visible)));
    case "insertOne":
    case "insertMany": {
      const docs = op.kind === "insertOne" ? [op.doc] : op.docs;
      for (const doc of docs) if (!reference.allows(user, "insert", undefined, doc)) throw new Refused("insert not permitted");
      const ids = docs.map((doc) => doc._id);
      if (ids.some((id, i) => ids.indexOf(id) !== i || stored.some((doc) => doc._id === id))) throw new Refused("duplicate key");
      const state = byId([...stored, ...docs]);
      return ok(op.kind === "insertOne" ? { insertedId: op.doc._id } : { insertedIds: ids }, state);
    }
    case "updateOne":
    case "updateMany":
    case "replaceOne": {
      const change = (doc: Document) => ("update" in op ? applyUpdate(doc, op.update) : { _id: doc._id, ...op.replacement });
      const matched = selected().slice(0, op.kind === "updateMany" ? undefined : 1);
      if (matched.length === 0) {
        if (!op.upsert) return ok({ matchedCount: 0, modifiedCount: 0 });
        const doc = upserted(reference, user, op.filter, change, stored);
        return ok({ matchedCount: 0, modifiedCount: 0, upsertedId: doc._id }, byId([...stored, doc]));
      }
      const writes = new Map<unknown, Document>();
      for (const { stored: before } of matched) {
        const after = change(before);
        if (same(after, before)) continue;
        if (!reference.allows(user, "update", before, after)) throw new Refused("update not permitted");
        writes.set(before._id, after);
      }
      return ok({ matchedCount: matched.length, modifiedCount: writes.size }, stored.map((doc) => writes.get(doc._id) ?? doc));
    }
    case "findOneAndUpdate":
    case "findOneAndReplace": {
      const change = (doc: Document) => ("update" in op ? applyUpdate(doc, op.update) : { _id: doc._id, ...op.replacement });
      const [target] = sorted(selected(), op.sort);
      if (!target) {
        if (!op.upsert) return ok(null);
        const doc = upserted(reference, user, op.filter, change, stored);
        return ok(op.returnNew ? reference.returned(user, doc) : null, byId([...stored, doc]));
      }
      const after = change(target.stored);
      if (same(after, target.stored)) return ok(op.returnNew ? reference.returned(user, after) : target.visible);
      if (!reference.allows(user, "update", target.stored, after)) throw new Refused("update not permitted");
      const state = stored.map((doc) => (doc._id === after._id ? after : doc));
      return ok(op.returnNew ? reference.returned(user, after) : target.visible, state);
    }
    case "deleteOne":
    case "deleteMany":
    case "findOneAndDelete": {
      const matched = sorted(selected(), op.kind === "findOneAndDelete" ? op.sort : undefined).slice(0, op.kind === "deleteMany" ? undefined : 1);
      for (const { stored: doc } of matched) if (!reference.allows(user, "delete", doc, undefined)) throw new Refused("delete not permitted");
      const state = stored.filter((doc) => !matched.some((m) => m.stored === doc));
      if (op.kind === "findOneAndDelete") return ok(matched[0]?.visible ?? null, state);
      return ok({ deletedCount: matched.length }, state);
    }
  }
}

/** The document an upsert inserts: the filter's `_id`, then the update or replacement; insert rules apply. */
function upserted(reference: Reference, user: RequestUser, filter: Document, change: (doc: Document) => Document, stored: Document[]): Document {
  const doc = change({ _id: filter._id });
  if (!reference.allows(user, "insert", undefined, doc)) throw new Refused("insert not permitted");
  if (stored.some((existing) => existing._id === doc._id)) throw new Refused("duplicate key");
  return doc;
}

/** `$set`, `$unset`, `$inc` and `$push` on top-level fields and `meta.x`; new fields go last; no field inside a non-document. */
function applyUpdate(doc: Document, update: Document): Document {
  const next = structuredClone(doc);
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, value] of Object.entries(fields as Document)) {
      const [field, sub] = path.split(".");
      if (sub !== undefined) {
        const inner = next[field];
        if (op === "$unset") {
          if (isObject(inner)) delete inner[sub];
        } else if (inner === undefined) next[field] = { [sub]: value };
        else if (isObject(inner)) inner[sub] = value;
        else throw new Refused("cannot create field");
      } else if (op === "$set") next[field] = value;
      else if (op === "$unset") delete next[field];
      else if (op === "$inc") next[field] = ((next[field] as number | undefined) ?? 0) + (value as number);
      else if (op === "$push") next[field] = [...((next[field] as unknown[] | undefined) ?? []), value];
    }
  }
  return next;
}

/** Sorted by the stored `a` (missing first ascending), stably. */
function sorted<T extends { stored: Document }>(matched: T[], sort: Document | undefined): T[] {
  if (!sort) return matched;
  const key = (m: T) => (typeof m.stored.a === "number" ? m.stored.a : -Infinity);
  const direction = sort.a as number;
  return matched.map((m, i) => ({ m, i })).sort((x, y) => (key(x.m) - key(y.m)) * direction || x.i - y.i).map((e) => e.m);
}

function byId(docs: Document[]): Document[] {
  return [...docs].sort((x, y) => (x._id as number) - (y._id as number));
}

/** The generator's pipelines over the documents the caller sees. */
function pipeline(stages: Document[], docs: Document[]): Document[] {
  let out = docs;
  for (const stage of stages) {
    if (stage.$match) out = out.filter((doc) => matches(doc, stage.$match as Document));
    else if (stage.$count) out = out.length > 0 ? [{ [stage.$count as string]: out.length }] : [];
    else if (stage.$group) {
      const groups = new Map<string, Document>();
      for (const doc of out) {
        const id = doc.owner ?? null;
        const group = groups.get(JSON.stringify(id)) ?? { _id: id, n: 0 };
        (group.n as number)++;
        groups.set(JSON.stringify(id), group);
      }
      out = [...groups.values()];
    } else if (stage.$sort) out = [...out].sort((x, y) => (x._id === y._id ? 0 : x._id === null ? -1 : y._id === null ? 1 : String(x._id) < String(y._id) ? -1 : 1));
    else if (stage.$project) out = out.map((doc) => ("a" in doc ? { a: doc.a } : {}));
    else throw new Error(`the model does not know ${Object.keys(stage)[0]}`);
  }
  return out;
}

/** Prints a mismatch so that it can be replayed and turned into a test. */
export function formatMismatch(m: Mismatch): string {
  return [
    `rule set seed ${m.seed}, step ${m.step}: ${m.op.kind} as ${m.user}`,
    `  op:       ${JSON.stringify(m.op)}`,
    `  rules:    ${JSON.stringify(m.rules)}`,
    `  expected: ${m.expected}`,
    `  actual:   ${m.actual}`,
  ].join("\n");
}

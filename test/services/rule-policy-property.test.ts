import { describe, expect, it } from "vitest";

import type { RoleConfig, RulesConfig } from "../../src/config/types.ts";
import type { Document } from "../../src/bson/types.ts";
import { Mutex } from "../../src/core/mutex.ts";
import { SYSTEM_POLICY } from "../../src/services/mongodb-atlas/access-policy.ts";
import { createRulePolicy } from "../../src/services/mongodb-atlas/rule-policy.ts";
import { MongoDBService, type ServiceCatalog } from "../../src/services/mongodb-atlas/service.ts";
import { SYSTEM_CONTEXT, userContext, type RequestUser } from "../../src/services/request-context.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

/*
 * Random documents, users and role sets: what the service returns and allows must equal
 * a separate, deliberately plain restatement of the role semantics below. Expressions
 * come from a small pool of tagged templates, so the reference interprets the tag, not
 * the expression.
 */

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const chance = (rand: Rand, p: number) => rand() < p;

const USERS: RequestUser[] = [
  { id: "u0", type: "normal", data: { email: "a@x.io" }, custom_data: {}, identities: [] },
  { id: "u1", type: "normal", data: { email: "b@x.io" }, custom_data: {}, identities: [] },
  { id: "u2", type: "normal", data: {}, custom_data: {}, identities: [] },
];

type Tag = "true" | "false" | "owner" | "tags" | "hasEmail" | "emailA" | "aIsOne" | "isNew";
const EXPRESSIONS: Record<Tag, unknown> = {
  true: true,
  false: false,
  owner: { owner: "%%user.id" },
  tags: { tags: "%%user.id" },
  hasEmail: { "%%user.data.email": { "%exists": true } },
  emailA: { "%%user.data.email": "a@x.io" },
  aIsOne: { a: 1 },
  isNew: { "%%prevRoot": { "%exists": false } },
};

interface Env {
  user: RequestUser;
  root: Document | undefined;
  prevRoot: Document | undefined;
}

function holds(tag: Tag | undefined, fallback: boolean, env: Env): boolean {
  const has = (value: unknown, wanted: unknown) => (Array.isArray(value) ? value.includes(wanted) : value === wanted);
  switch (tag) {
    case undefined:
      return fallback;
    case "true":
      return true;
    case "false":
      return false;
    case "owner":
      return has(env.root?.owner, env.user.id);
    case "tags":
      return has(env.root?.tags, env.user.id);
    case "hasEmail":
      return env.user.data.email !== undefined;
    case "emailA":
      return env.user.data.email === "a@x.io";
    case "aIsOne":
      return has(env.root?.a, 1);
    case "isNew":
      return env.prevRoot === undefined;
  }
}

interface FieldSpec {
  read?: Tag;
  write?: Tag;
  fields?: Record<string, FieldSpec>;
}

interface RoleSpec {
  name: string;
  applyWhen: Tag;
  read?: Tag;
  write?: Tag;
  insert?: Tag;
  delete?: Tag;
  search?: boolean;
  fields: Record<string, FieldSpec>;
  additional: { read?: Tag; write?: Tag };
}

const PERMISSIONS: (Tag | undefined)[] = [undefined, "true", "false", "owner", "hasEmail"];

function randomRole(rand: Rand, index: number, modern: boolean): RoleSpec {
  const fields: Record<string, FieldSpec> = {};
  for (const name of ["owner", "a", "b", "tags"]) {
    if (chance(rand, 0.4)) fields[name] = { read: pick(rand, PERMISSIONS), write: pick(rand, PERMISSIONS) };
  }
  if (chance(rand, 0.4)) {
    fields.meta = chance(rand, 0.5)
      ? { read: pick(rand, PERMISSIONS), write: pick(rand, PERMISSIONS) }
      : { fields: { x: { read: pick(rand, PERMISSIONS), write: pick(rand, PERMISSIONS) } } };
  }
  return {
    name: `role${index}`,
    applyWhen: pick(rand, ["true", "owner", "tags", "hasEmail", "emailA", "aIsOne"] as const),
    read: pick(rand, [undefined, undefined, "true", "false", "owner"] as const),
    write: pick(rand, [undefined, undefined, "true", "owner", "hasEmail", "isNew"] as const),
    insert: pick(rand, [undefined, "true", "false", "owner"] as const),
    delete: pick(rand, [undefined, "true", "false", "owner"] as const),
    search: modern ? true : undefined,
    fields,
    additional: { read: pick(rand, PERMISSIONS), write: pick(rand, [undefined, undefined, "true", "false", "owner"] as const) },
  };
}

function toConfig(spec: RoleSpec): RoleConfig {
  const expr = (tag: Tag | undefined) => (tag === undefined ? undefined : EXPRESSIONS[tag]);
  const fields = (specs: Record<string, FieldSpec>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(specs).map(([name, f]) => [
        name,
        { ...(f.read && { read: expr(f.read) }), ...(f.write && { write: expr(f.write) }), ...(f.fields && { fields: fields(f.fields) }) },
      ]),
    );
  const config: Record<string, unknown> = { name: spec.name, apply_when: expr(spec.applyWhen), fields: fields(spec.fields) };
  for (const key of ["read", "write", "insert", "delete"] as const) if (spec[key]) config[key] = expr(spec[key]);
  if (spec.search !== undefined) config.search = spec.search;
  config.additional_fields = { ...(spec.additional.read && { read: expr(spec.additional.read) }), ...(spec.additional.write && { write: expr(spec.additional.write) }) };
  return config as RoleConfig;
}

/* ----- the reference ----- */

class Reference {
  constructor(private readonly roles: RoleSpec[]) {}

  private roleFor(env: Env): RoleSpec | undefined {
    return this.roles.find((role) => holds(role.applyWhen, true, env));
  }

  private get insertDeleteDefault(): boolean {
    return this.roles.some((role) => role.search !== undefined);
  }

  visible(user: RequestUser, doc: Document): Document | undefined {
    const env = { user, root: doc, prevRoot: doc };
    const role = this.roleFor(env);
    if (!role) return undefined;
    if (holds(role.read, false, env) || holds(role.write, false, env)) return doc;
    const shown = this.readable(role, env, doc, role.fields);
    return Object.keys(shown).length > 0 ? shown : undefined;
  }

  private readable(role: RoleSpec, env: Env, value: Document, fields: Record<string, FieldSpec> | undefined): Document {
    const shown: Document = {};
    for (const [key, item] of Object.entries(value)) {
      const entry = fields?.[key];
      if (entry && (entry.read || entry.write)) {
        if (holds(entry.read, false, env) || holds(entry.write, false, env)) shown[key] = item;
      } else if (entry?.fields && isObject(item)) {
        const inner = this.readable(role, env, item, entry.fields);
        if (Object.keys(inner).length > 0) shown[key] = inner;
      } else if (holds(role.additional.read, false, env) || holds(role.additional.write, false, env)) {
        shown[key] = item;
      }
    }
    return shown;
  }

  allows(user: RequestUser, kind: "insert" | "update" | "delete", before: Document | undefined, after: Document | undefined): boolean {
    const role = this.roleFor(kind === "insert" ? { user, root: after, prevRoot: undefined } : { user, root: before, prevRoot: before });
    if (!role) return false;
    const env: Env = kind === "insert" ? { user, root: after, prevRoot: undefined } : kind === "update" ? { user, root: after, prevRoot: before } : { user, root: before, prevRoot: before };
    if (!holds(role.write, false, env) && !this.writable(role, env, before, after, role.fields)) return false;
    if (kind === "insert") return holds(role.insert, this.insertDeleteDefault, env);
    if (kind === "delete") return holds(role.delete, this.insertDeleteDefault, env);
    return true;
  }

  private writable(role: RoleSpec, env: Env, before: Document | undefined, after: Document | undefined, fields: Record<string, FieldSpec> | undefined): boolean {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    for (const key of keys) {
      const old = before?.[key];
      const now = after?.[key];
      if (JSON.stringify(old) === JSON.stringify(now)) continue;
      const entry = fields?.[key];
      let ok: boolean;
      if (entry && (entry.read || entry.write)) ok = holds(entry.write, false, env);
      else if (entry?.fields && (old === undefined || isObject(old)) && (now === undefined || isObject(now))) {
        ok = this.writable(role, env, old as Document | undefined, now as Document | undefined, entry.fields);
      } else ok = holds(role.additional.write, false, env);
      if (!ok) return false;
    }
    return true;
  }
}

function isObject(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/* ----- random data and operations ----- */

function randomDoc(rand: Rand, id: number): Document {
  const doc: Document = { _id: id };
  if (chance(rand, 0.8)) doc.owner = pick(rand, ["u0", "u1", "u2", "zz"]);
  if (chance(rand, 0.5)) doc.tags = USERS.map((u) => u.id).filter(() => chance(rand, 0.4));
  if (chance(rand, 0.7)) doc.a = Math.floor(rand() * 3);
  if (chance(rand, 0.5)) doc.b = pick(rand, ["p", "q"]);
  if (chance(rand, 0.6)) doc.meta = chance(rand, 0.5) ? { x: Math.floor(rand() * 3), y: 1 } : { y: 2 };
  return doc;
}

function randomUpdate(rand: Rand, doc: Document): { update: Document; after: Document } {
  const after: Document = structuredClone(doc);
  const field = pick(rand, ["owner", "a", "b", "tags", "meta.x", "meta"]);
  if (chance(rand, 0.2)) {
    if (field === "meta.x") {
      if (isObject(after.meta)) delete after.meta.x;
    } else delete after[field];
    return { update: { $unset: { [field]: "" } }, after };
  }
  const value =
    field === "owner" ? pick(rand, ["u0", "u1", "zz"]) : field === "a" ? Math.floor(rand() * 3) : field === "b" ? pick(rand, ["p", "r"]) : field === "tags" ? [pick(rand, ["u0", "u1"])] : field === "meta" ? { y: 3 } : 7;
  if (field === "meta.x") {
    if (isObject(after.meta)) after.meta.x = value;
    else after.meta = { x: value };
  } else after[field] = value;
  return { update: { $set: { [field]: value } }, after };
}

const canonical = (docs: Document[]) => docs.map((doc) => JSON.stringify(doc)).sort();

describe("rules through the service match a reference evaluation", () => {
  it("over random documents, users and role sets", async () => {
    const clock = fakeClock();
    const store = new DocumentStore(new SandboxDatabase("rules-property", freshIndexedDB()), clock.now);
    let rules: RulesConfig = { roles: [], filters: [] };
    const catalog: ServiceCatalog = {
      hasService: () => true,
      schemaOf: () => undefined,
      policyFor: (_service, namespace, context) => (context.system ? SYSTEM_POLICY : createRulePolicy({ rules, namespace, context })),
      collectionNames: () => [],
    };
    const env = { store, mutex: new Mutex(), clock: clock.now, catalog: () => catalog };
    const collection = (name: string, user?: RequestUser) => new MongoDBService(env, user ? userContext(user) : SYSTEM_CONTEXT).db("prop").collection(name);
    let checkedReads = 0;
    let allowedWrites = 0;
    let deniedWrites = 0;

    for (let seed = 1; seed <= 60; seed++) {
      const rand = prng(seed);
      const modern = chance(rand, 0.3);
      const specs = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => randomRole(rand, i, modern));
      rules = { roles: specs.map(toConfig), filters: [] };
      const reference = new Reference(specs);
      const name = `c${seed}`;
      const stored = new Map<number, Document>();
      for (let id = 1; id <= 8; id++) stored.set(id, randomDoc(rand, id));
      await collection(name).insertMany([...stored.values()]);
      const context = `seed ${seed}: ${JSON.stringify(rules.roles)}`;

      for (let step = 0; step < 12; step++) {
        const user = pick(rand, USERS);
        const expectedVisible = [...stored.values()].map((doc) => reference.visible(user, doc)).filter((doc) => doc !== undefined);
        expect(canonical(await collection(name, user).find({})), `${context} find as ${user.id}`).toEqual(canonical(expectedVisible));
        checkedReads++;

        const action = pick(rand, ["insert", "update", "delete"] as const);
        const target = stored.get(1 + Math.floor(rand() * 8));
        const label = `${context} step ${step}: ${action} as ${user.id}`;
        let expected: "allowed" | "denied" | "unmatched";
        let outcome: string;
        let apply: () => void = () => undefined;
        try {
          if (action === "insert") {
            const doc = randomDoc(rand, 100 + step);
            expected = reference.allows(user, "insert", undefined, doc) ? "allowed" : "denied";
            apply = () => stored.set(doc._id as number, doc);
            await collection(name, user).insertOne(doc);
            outcome = "allowed";
          } else if (!target) {
            continue;
          } else if (action === "update") {
            const { update, after } = randomUpdate(rand, target);
            const matched = reference.visible(user, target) !== undefined;
            const changed = JSON.stringify(after) !== JSON.stringify(target);
            expected = !matched ? "unmatched" : !changed || reference.allows(user, "update", target, after) ? "allowed" : "denied";
            apply = () => stored.set(target._id as number, after);
            const result = await collection(name, user).updateOne({ _id: target._id }, update);
            outcome = result.matchedCount === 0 ? "unmatched" : "allowed";
          } else {
            const matched = reference.visible(user, target) !== undefined;
            expected = !matched ? "unmatched" : reference.allows(user, "delete", target, undefined) ? "allowed" : "denied";
            apply = () => stored.delete(target._id as number);
            const result = await collection(name, user).deleteOne({ _id: target._id });
            outcome = result.deletedCount === 0 ? "unmatched" : "allowed";
          }
        } catch (error) {
          outcome = (error as Error).message === `${action} not permitted` ? "denied" : `error: ${(error as Error).message}`;
        }
        expect(outcome, label).toBe(expected!);
        if (outcome === "allowed") {
          apply();
          allowedWrites++;
        } else if (outcome === "denied") deniedWrites++;
        expect(canonical(await collection(name).find({})), `${label}: stored state`).toEqual(canonical([...stored.values()]));
      }
    }
    // The generator must exercise both outcomes, or the comparison proves little.
    expect(checkedReads).toBe(720);
    expect(allowedWrites).toBeGreaterThan(50);
    expect(deniedWrites).toBeGreaterThan(50);
  }, 60_000);
});

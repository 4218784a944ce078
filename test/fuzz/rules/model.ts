import type { Document } from "../../../src/bson/types.ts";
import type { RequestUser } from "../../../src/services/request-context.ts";

/*
 * A deliberately plain restatement of the role semantics (reference §3.3–§3.6) for the
 * shapes the generator produces. Expressions come from a small pool of tagged
 * templates, so the model interprets the tag, not the expression; query filters come
 * from a small pool of MongoDB filters that the model matches by hand.
 */

export const USERS: RequestUser[] = [
  { id: "u0", type: "normal", data: { email: "a@x.io" }, custom_data: {}, identities: [] },
  { id: "u1", type: "normal", data: { email: "b@x.io" }, custom_data: {}, identities: [] },
  { id: "u2", type: "normal", data: {}, custom_data: {}, identities: [] },
];

export type Tag =
  | "true" | "false" | "owner" | "tags" | "hasEmail" | "emailA" | "aIsOne" | "bIsP" | "isNew" | "thisNot7" | "prevMissing"
  | "fnOwner" | "fnNot7";

export const EXPRESSIONS: Record<Tag, unknown> = {
  true: true,
  false: false,
  owner: { owner: "%%user.id" },
  tags: { tags: "%%user.id" },
  hasEmail: { "%%user.data.email": { "%exists": true } },
  emailA: { "%%user.data.email": "a@x.io" },
  aIsOne: { a: 1 },
  bIsP: { b: "p" },
  isNew: { "%%prevRoot": { "%exists": false } },
  thisNot7: { "%%this": { "%ne": 7 } },
  prevMissing: { "%%prev": { "%exists": false } },
  // Through app functions (see FUNCTIONS), which answer asynchronously: the evaluator's awaiting path.
  fnOwner: { "%%true": { "%function": { name: "sameValue", arguments: ["%%root.owner", "%%user.id"] } } },
  fnNot7: { "%%false": { "%function": { name: "isSeven", arguments: ["%%this"] } } },
};

/** The app functions the `fn…` expressions call; each answers with a promise. */
export const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  sameValue: (a, b) => a !== undefined && a === b,
  isSeven: (value) => value === 7,
};

/** What an expression can see: the caller, the document after and before, the field after and before. */
export interface Env {
  user: RequestUser;
  root: Document | undefined;
  prevRoot: Document | undefined;
  this?: unknown;
  prev?: unknown;
}

/** MongoDB equality of a field with a value: an array matches when it holds the value. */
function has(value: unknown, wanted: unknown): boolean {
  return Array.isArray(value) ? value.some((item) => same(item, wanted)) || same(value, wanted) : same(value, wanted);
}

export function holds(tag: Tag | undefined, fallback: boolean, env: Env): boolean {
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
    case "bIsP":
      return has(env.root?.b, "p");
    case "isNew":
      return env.prevRoot === undefined;
    case "thisNot7":
      return !has(env.this, 7);
    case "prevMissing":
      return env.prev === undefined;
    case "fnOwner":
      return env.root?.owner !== undefined && env.root.owner === env.user.id;
    case "fnNot7":
      return env.this !== 7;
  }
}

export interface FieldSpec {
  read?: Tag;
  write?: Tag;
  fields?: Record<string, FieldSpec>;
}

export interface RoleSpec {
  name: string;
  applyWhen: Tag;
  read?: Tag;
  write?: Tag;
  insert?: Tag;
  delete?: Tag;
  search?: boolean;
  documentFilters?: { read?: Tag; write?: Tag };
  fields: Record<string, FieldSpec>;
  additional: { read?: Tag; write?: Tag };
}

export interface FilterSpec {
  name: string;
  applyWhen: Tag;
  /** A query in which "%%user.id" stands for the caller's id. */
  query: Document;
  projection: Document;
}

export interface RuleSetSpec {
  roles: RoleSpec[];
  filters: FilterSpec[];
}

/* ----- query filters, matched by hand ----- */

/** The values a dotted path reaches, through arrays of documents as MongoDB does. */
function valuesAt(value: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) return value === undefined ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((item) => (isObject(item) ? valuesAt(item, parts) : []));
  if (!isObject(value)) return [];
  return valuesAt(value[parts[0]], parts.slice(1));
}

function equalsAny(values: unknown[], wanted: unknown): boolean {
  if (values.length === 0) return wanted === null;
  return values.some((value) => has(value, wanted));
}

/** Matches the filters the generator writes: equality, $in, $gte, $exists, $or, $and. */
export function matches(doc: Document, filter: Document): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === "$or") return (condition as Document[]).some((branch) => matches(doc, branch));
    if (key === "$and") return (condition as Document[]).every((branch) => matches(doc, branch));
    const values = valuesAt(doc, key.split("."));
    if (!isObject(condition)) return equalsAny(values, condition);
    return Object.entries(condition).every(([op, operand]) => {
      switch (op) {
        case "$in":
          return (operand as unknown[]).some((item) => equalsAny(values, item));
        case "$gte":
          return values.some((v) => typeof v === "number" && v >= (operand as number));
        case "$exists":
          return values.length > 0 === operand;
        default:
          throw new Error(`the model does not know ${op}`);
      }
    });
  });
}

/* ----- the reference ----- */

/** Outcomes of a request that has to fail. */
export class Refused extends Error {}

export class Reference {
  constructor(private readonly spec: RuleSetSpec) {}

  private roleFor(env: Env): RoleSpec | undefined {
    return this.spec.roles.find((role) => holds(role.applyWhen, true, env));
  }

  /** 2022+ rule sets (any role with `search` or `document_filters`) default insert and delete to true. */
  private get insertDeleteDefault(): boolean {
    return this.spec.roles.some((role) => role.search !== undefined || role.documentFilters !== undefined);
  }

  /** The query filters that apply to the caller: their queries and merged projection. Throws on a mixed projection. */
  applied(user: RequestUser): { queries: Document[]; projection: Document | undefined } {
    const queries: Document[] = [];
    let projection: Document | undefined;
    for (const filter of this.spec.filters) {
      if (!holds(filter.applyWhen, true, { user, root: undefined, prevRoot: undefined })) continue;
      const query = JSON.parse(JSON.stringify(filter.query).replaceAll('"%%user.id"', JSON.stringify(user.id))) as Document;
      if (Object.keys(query).length > 0) queries.push(query);
      if (Object.keys(filter.projection).length > 0) projection = { ...projection, ...filter.projection };
    }
    if (projection) {
      const kinds = new Set(Object.entries(projection).filter(([key]) => key !== "_id").map(([, v]) => v));
      if (kinds.size > 1) throw new Refused("projection cannot have a mix of inclusion and exclusion");
    }
    return { queries, projection };
  }

  /** The stored documents a request's filter selects for the caller, with what the caller sees of each. */
  selected(user: RequestUser, stored: Document[], filter: Document): { stored: Document; visible: Document }[] {
    const { queries, projection } = this.applied(user);
    const found: { stored: Document; visible: Document }[] = [];
    for (const doc of stored) {
      if (!matches(doc, filter) || !queries.every((q) => matches(doc, q))) continue;
      const shown = this.visible(user, doc);
      if (shown) found.push({ stored: doc, visible: projection ? project(shown, projection) : shown });
    }
    return found;
  }

  /** The document as the caller may see it (rules only, no filter projection), or undefined when withheld. */
  visible(user: RequestUser, doc: Document): Document | undefined {
    const env: Env = { user, root: doc, prevRoot: doc };
    const role = this.roleFor(env);
    if (!role) return undefined;
    const filters = role.documentFilters;
    if (filters?.read !== undefined && !holds(filters.read, true, env) && !(filters.write !== undefined && holds(filters.write, true, env))) return undefined;
    if (holds(role.read, false, env) || holds(role.write, false, env)) return doc;
    const shown = this.readable(role, env, doc, role.fields);
    return Object.keys(shown).length > 0 ? shown : undefined;
  }

  /** What a caller who just wrote `doc` gets back for it: the visible document with the filters' projection, or {}. */
  returned(user: RequestUser, doc: Document): Document {
    const shown = this.visible(user, doc);
    if (!shown) return {};
    const { projection } = this.applied(user);
    return projection ? project(shown, projection) : shown;
  }

  private canRead(role: RoleSpec, entry: FieldSpec | undefined, env: Env, value: unknown): boolean {
    const field = { ...env, this: value, prev: value };
    if (entry && (entry.read || entry.write)) return holds(entry.read, false, field) || holds(entry.write, false, field);
    return holds(role.additional.read, false, field) || holds(role.additional.write, false, field);
  }

  private readable(role: RoleSpec, env: Env, value: Document, fields: Record<string, FieldSpec> | undefined): Document {
    const shown: Document = {};
    for (const [key, item] of Object.entries(value)) {
      const entry = fields?.[key];
      const part = entry?.fields && !(entry.read || entry.write) && isContainer(item)
        ? this.readableInside(role, env, item, entry)
        : this.canRead(role, entry, env, item) ? item : undefined;
      if (part !== undefined) shown[key] = part;
    }
    return shown;
  }

  /** An entry with embedded `fields` only: documents split by those entries, array elements one by one. */
  private readableInside(role: RoleSpec, env: Env, item: Document | unknown[], entry: FieldSpec): unknown {
    if (!Array.isArray(item)) {
      const inner = this.readable(role, env, item, entry.fields);
      return Object.keys(inner).length > 0 ? inner : undefined;
    }
    const kept = item
      .map((element) => (isContainer(element) ? this.readableInside(role, env, element, entry) : this.canRead(role, undefined, env, element) ? element : undefined))
      .filter((element) => element !== undefined);
    return kept.length > 0 ? kept : undefined;
  }

  /** Whether the caller may write; `before` is absent on insert, `after` on delete. */
  allows(user: RequestUser, kind: "insert" | "update" | "delete", before: Document | undefined, after: Document | undefined): boolean {
    const role = this.roleFor(kind === "insert" ? { user, root: after, prevRoot: undefined } : { user, root: before, prevRoot: before });
    if (!role) return false;
    const env: Env = kind === "insert" ? { user, root: after, prevRoot: undefined } : kind === "update" ? { user, root: after, prevRoot: before } : { user, root: before, prevRoot: before };
    if (role.documentFilters?.write !== undefined && !holds(role.documentFilters.write, true, env)) return false;
    if (!holds(role.write, false, env) && !this.writable(role, env, before, after, role.fields)) return false;
    if (kind === "insert") return holds(role.insert, this.insertDeleteDefault, env);
    if (kind === "delete") return holds(role.delete, this.insertDeleteDefault, env);
    return true;
  }

  private canWrite(role: RoleSpec, entry: FieldSpec | undefined, env: Env, now: unknown, old: unknown): boolean {
    const field = { ...env, this: now, prev: old };
    return entry && (entry.read || entry.write) ? holds(entry.write, false, field) : holds(role.additional.write, false, field);
  }

  /** Every changed field (added, removed or different) must be writable. */
  private writable(role: RoleSpec, env: Env, before: Document | undefined, after: Document | undefined, fields: Record<string, FieldSpec> | undefined): boolean {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    for (const key of keys) {
      const old = before?.[key];
      const now = after?.[key];
      if (before && after && key in before && key in after && same(old, now)) continue;
      if (!this.writableValue(role, env, fields?.[key], old, now)) return false;
    }
    return true;
  }

  private writableValue(role: RoleSpec, env: Env, entry: FieldSpec | undefined, old: unknown, now: unknown): boolean {
    const splits = entry?.fields !== undefined && !(entry.read || entry.write);
    if (!splits || !(isContainer(old) || isContainer(now))) return this.canWrite(role, entry, env, now, old);
    const documents = (old === undefined || isObject(old)) && (now === undefined || isObject(now));
    if (documents) return this.writable(role, env, old as Document | undefined, now as Document | undefined, entry.fields);
    const arrays = (old === undefined || Array.isArray(old)) && (now === undefined || Array.isArray(now));
    if (arrays) {
      const a = (old ?? []) as unknown[];
      const b = (now ?? []) as unknown[];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (i < a.length && i < b.length && same(a[i], b[i])) continue;
        if (!this.writableValue(role, env, entry, a[i], b[i])) return false;
      }
      return true;
    }
    // A value changing kind: the new kind through additional_fields, the old and new shapes as removed and added.
    if (!this.canWrite(role, undefined, env, now, old)) return false;
    if (isContainer(old) && !this.writableValue(role, env, entry, old, undefined)) return false;
    return !isContainer(now) || this.writableValue(role, env, entry, undefined, now);
  }
}

/** A filter projection of top-level fields: inclusion keeps `_id` unless it is 0; exclusion drops the fields named. */
export function project(doc: Document, projection: Document): Document {
  const inclusion = Object.entries(projection).some(([key, value]) => key !== "_id" && value === 1);
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) {
    const named = key in projection;
    const keep = inclusion ? (key === "_id" ? projection._id !== 0 : named) : !(named && projection[key] === 0);
    if (keep) out[key] = value;
  }
  return out;
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function isObject(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isContainer(value: unknown): value is Document | unknown[] {
  return Array.isArray(value) || isObject(value);
}

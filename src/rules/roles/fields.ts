import { stringifyEJSON } from "../../bson/ejson.ts";
import { isPlainObject, type Document } from "../../bson/types.ts";
import type { CompiledRole, FieldNode } from "./compile.ts";
import type { DocScope, RuleSession, Steps } from "./session.ts";
import type { DocumentDecision, PermissionOutcome } from "./trace.ts";

/*
 * Field-level permissions (reference §3.4). An entry of `fields` that sets `read` or
 * `write` decides for its whole subtree, with the other setting defaulting to false.
 * An entry that sets neither but has embedded `fields` splits its value: each embedded
 * field (each element, for arrays) is decided by its own entry. Anything left undecided
 * — fields not listed, embedded fields not listed, an unlisted entry's scalar value —
 * falls back to `additional_fields`. Write always implies read.
 */

type Access = "read" | "write";

/** Whether the role may read or write one field, recording why when tracing. */
export function* fieldAllows(
  s: RuleSession,
  role: CompiledRole,
  doc: DocScope,
  node: FieldNode | undefined,
  access: Access,
  path: string,
  after: unknown,
  before: unknown,
  t: DocumentDecision | undefined,
): Steps<boolean> {
  const decides = node !== undefined && node.defines;
  const read = decides ? node.read : role.additionalRead;
  const write = decides ? node.write : role.additionalWrite;
  const prefix = decides ? node.where : "additional_fields";
  const field = { after, before };
  const sink: PermissionOutcome[] | undefined = t ? [] : undefined;
  let allowed = false;
  let via = `${prefix}.write`;
  if (access === "read") {
    via = `${prefix}.read`;
    allowed = yield* s.check(read, "read", doc, field, sink);
    if (!allowed) {
      via = `${prefix}.write`;
      allowed = yield* s.check(write, "write", doc, field, sink);
    }
  } else {
    allowed = yield* s.check(write, "write", doc, field, sink);
  }
  if (t && sink) t.fields.push({ path, access, allowed, via, outcome: sink[sink.length - 1] });
  return allowed;
}

/** The readable part of a (sub)document, or undefined when nothing in it is readable. */
export function* readableFields(
  s: RuleSession,
  role: CompiledRole,
  doc: DocScope,
  value: Document,
  nodes: ReadonlyMap<string, FieldNode> | undefined,
  prefix: string,
  t: DocumentDecision | undefined,
): Steps<Document | undefined> {
  let visible: Document | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const path = prefix ? `${prefix}.${key}` : key;
    const node = nodes?.get(key);
    let shown: unknown;
    if (splits(node) && isContainer(item)) shown = yield* readableNested(s, role, doc, node, item, path, t);
    else if (yield* fieldAllows(s, role, doc, node, "read", path, item, item, t)) shown = item;
    if (shown !== undefined) (visible ??= {})[key] = shown;
  }
  return visible;
}

function* readableNested(
  s: RuleSession,
  role: CompiledRole,
  doc: DocScope,
  node: FieldNode,
  value: Document | unknown[],
  path: string,
  t: DocumentDecision | undefined,
): Steps<unknown> {
  if (!Array.isArray(value)) return yield* readableFields(s, role, doc, value, node.children, path, t);
  const shown: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const at = `${path}.${i}`;
    if (isContainer(item)) {
      const part = yield* readableNested(s, role, doc, node, item, at, t);
      if (part !== undefined) shown.push(part);
    } else if (yield* fieldAllows(s, role, doc, node, "read", at, item, item, t)) {
      shown.push(item);
    }
  }
  return shown.length > 0 ? shown : undefined;
}

/**
 * The first path whose change the role may not write, or undefined when every change is
 * permitted. Insert passes no `before` and delete no `after`, so every field counts.
 */
export function* unwritablePath(
  s: RuleSession,
  role: CompiledRole,
  doc: DocScope,
  before: Document | undefined,
  after: Document | undefined,
  nodes: ReadonlyMap<string, FieldNode> | undefined,
  prefix: string,
  t: DocumentDecision | undefined,
): Steps<string | undefined> {
  for (const key of keysOf(before, after)) {
    const had = before !== undefined && Object.prototype.hasOwnProperty.call(before, key);
    const has = after !== undefined && Object.prototype.hasOwnProperty.call(after, key);
    const old = had ? before[key] : undefined;
    const now = has ? after[key] : undefined;
    if (had && has && sameValue(old, now)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const denied = yield* unwritableValue(s, role, doc, nodes?.get(key), old, now, path, t);
    if (denied !== undefined) return denied;
  }
  return undefined;
}

function* unwritableValue(
  s: RuleSession,
  role: CompiledRole,
  doc: DocScope,
  node: FieldNode | undefined,
  before: unknown,
  after: unknown,
  path: string,
  t: DocumentDecision | undefined,
): Steps<string | undefined> {
  if (!splits(node) || !(isContainer(before) || isContainer(after))) {
    return (yield* fieldAllows(s, role, doc, node, "write", path, after, before, t)) ? undefined : path;
  }
  const objects = (before === undefined || isPlainObject(before)) && (after === undefined || isPlainObject(after));
  if (objects) return yield* unwritablePath(s, role, doc, before as Document | undefined, after as Document | undefined, node.children, path, t);
  const arrays = (before === undefined || Array.isArray(before)) && (after === undefined || Array.isArray(after));
  if (arrays) {
    const old = (before ?? []) as unknown[];
    const now = (after ?? []) as unknown[];
    for (let i = 0; i < Math.max(old.length, now.length); i++) {
      if (i < old.length && i < now.length && sameValue(old[i], now[i])) continue;
      const denied = yield* unwritableValue(s, role, doc, node, old[i], now[i], `${path}.${i}`, t);
      if (denied !== undefined) return denied;
    }
    return undefined;
  }
  // The value changes kind (e.g. document → string): the replaced shape goes through
  // the embedded entries as removed or added, the new kind through the fallback.
  if (!(yield* fieldAllows(s, role, doc, undefined, "write", path, after, before, t))) return path;
  if (isContainer(before)) {
    const denied = yield* unwritableValue(s, role, doc, node, before, undefined, path, t);
    if (denied !== undefined) return denied;
  }
  return isContainer(after) ? yield* unwritableValue(s, role, doc, node, undefined, after, path, t) : undefined;
}

/**
 * Whether a write leaves a value as it was, BSON type and field order included: an int
 * becoming an equal double is still a change that needs write permission.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return stringifyEJSON(a) === stringifyEJSON(b);
}

function splits(node: FieldNode | undefined): node is FieldNode & { children: ReadonlyMap<string, FieldNode> } {
  return node !== undefined && !node.defines && node.children !== undefined;
}

function isContainer(value: unknown): value is Document | unknown[] {
  return Array.isArray(value) || isPlainObject(value);
}

function keysOf(before: Document | undefined, after: Document | undefined): string[] {
  if (!before) return after ? Object.keys(after) : [];
  if (!after) return Object.keys(before);
  const keys = Object.keys(before);
  for (const key of Object.keys(after)) if (!Object.prototype.hasOwnProperty.call(before, key)) keys.push(key);
  return keys;
}

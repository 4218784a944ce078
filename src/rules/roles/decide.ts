import type { Document } from "../../bson/types.ts";
import type { CompiledRole } from "./compile.ts";
import { readableFields, unwritablePath } from "./fields.ts";
import type { DocScope, RuleSession, Steps } from "./session.ts";
import type { DocumentDecision } from "./trace.ts";

export type WriteKind = "insert" | "update" | "replace" | "delete";

export interface WriteDecision {
  allowed: boolean;
  /** What clients see when denied: `insert not permitted`, `update not permitted` (also for replace) or `delete not permitted`. */
  message: string;
  /** Why, for logs and the console. */
  reason: string;
  role?: string;
}

/**
 * A read (reference §3.3, §3.5): the first applying role, then its document-level
 * read/write, then field-level permissions. `%%root` and `%%prevRoot` are both the
 * stored document, so the insert-only `write: {"%%prevRoot": {"%exists": false}}`
 * grants nothing here. Returns the document as the caller may see it, or undefined
 * when no role applies or no field is readable (the document is withheld).
 */
export function* readSteps(s: RuleSession, doc: Document, t: DocumentDecision | undefined): Steps<Document | undefined> {
  const scope = s.scope(doc, doc);
  const role = yield* s.selectRole(scope, t);
  if (!role) return conclude(t, undefined, "no role applies, so the document is withheld");
  if (!(yield* documentFilterRead(s, role, scope, t))) return conclude(t, undefined, `document_filters of role "${role.name}" withhold the document`);
  const out = t?.document;
  if (yield* s.check(role.read, "read", scope, undefined, out)) return conclude(t, doc, `role "${role.name}" reads the whole document`);
  if (yield* s.check(role.write, "write", scope, undefined, out)) {
    return conclude(t, doc, `role "${role.name}" writes, so reads, the whole document`);
  }
  if (!role.fieldLevel) return conclude(t, undefined, `role "${role.name}" reads no field, so the document is withheld`);
  const visible = yield* readableFields(s, role, scope, doc, role.fields, "", t);
  if (!visible) return conclude(t, undefined, `role "${role.name}" reads no field of it, so the document is withheld`);
  return conclude(t, visible, `role "${role.name}" reads ${Object.keys(visible).length} of ${Object.keys(doc).length} fields`);
}

/**
 * A write (reference §3.4, §3.5). The role is chosen from the document as it was
 * (the new document for inserts), so a write cannot pick its own role by changing
 * the fields `apply_when` reads. Permissions then see `%%root` after and `%%prevRoot`
 * before the write (both the stored document on delete). Updates need write on each
 * changed field; inserts and deletes need it on every field, then `insert`/`delete`.
 */
export function* writeSteps(
  s: RuleSession,
  kind: WriteKind,
  before: Document | undefined,
  after: Document | undefined,
  t: DocumentDecision | undefined,
): Steps<WriteDecision> {
  const verb = kind === "replace" ? "update" : kind;
  const selection = kind === "insert" ? s.scope(after, undefined) : s.scope(before, before);
  const role = yield* s.selectRole(selection, t);
  if (!role) return denied(t, verb, "no role applies to the document");
  const scope = kind === "update" || kind === "replace" ? s.scope(after, before) : selection;
  const out = t?.document;
  if (role.filterWrite && !(yield* s.check(role.filterWrite, "document_filters.write", scope, undefined, out))) {
    return denied(t, verb, `document_filters.write of role "${role.name}" is false`, role);
  }
  if (!(yield* s.check(role.write, "write", scope, undefined, out))) {
    const path = yield* unwritablePath(s, role, scope, kind === "insert" ? undefined : before, kind === "delete" ? undefined : after, role.fields, "", t);
    if (path !== undefined) return denied(t, verb, `role "${role.name}" cannot write field "${path}"`, role);
  }
  if (kind === "insert" && !(yield* s.check(role.insert, "insert", scope, undefined, out))) {
    return denied(t, verb, `role "${role.name}" cannot insert documents`, role);
  }
  if (kind === "delete" && !(yield* s.check(role.delete, "delete", scope, undefined, out))) {
    return denied(t, verb, `role "${role.name}" cannot delete documents`, role);
  }
  if (t) {
    t.allowed = true;
    t.reason = `role "${role.name}" may ${verb} the document`;
  }
  return { allowed: true, message: "", reason: `role "${role.name}" permits the ${verb}`, role: role.name };
}

/** Atlas Search (`search`): decided by the first role that applies without a document. */
export function* searchSteps(s: RuleSession, t: DocumentDecision | undefined): Steps<boolean> {
  const scope = s.scope(undefined, undefined);
  const role = yield* s.selectRole(scope, t);
  const allowed = role ? yield* s.check(role.search, "search", scope, undefined, t?.document) : false;
  if (t) {
    t.allowed = allowed;
    t.reason = role ? `search ${allowed ? "is" : "is not"} permitted for role "${role.name}"` : "no role applies";
  }
  return allowed;
}

/**
 * Rules v2 `document_filters`: reading is denied when `read` is false and `write` is
 * not true; unset members count as true (Sync is off on this path).
 */
function* documentFilterRead(s: RuleSession, role: CompiledRole, scope: DocScope, t: DocumentDecision | undefined): Steps<boolean> {
  if (!role.filterRead) return true;
  if (yield* s.check(role.filterRead, "document_filters.read", scope, undefined, t?.document)) return true;
  return role.filterWrite ? yield* s.check(role.filterWrite, "document_filters.write", scope, undefined, t?.document) : false;
}

function conclude(t: DocumentDecision | undefined, visible: Document | undefined, reason: string): Document | undefined {
  if (t) {
    t.allowed = visible !== undefined;
    t.reason = reason;
  }
  return visible;
}

function denied(t: DocumentDecision | undefined, verb: string, reason: string, role?: CompiledRole): WriteDecision {
  if (t) {
    t.allowed = false;
    t.reason = reason;
  }
  return { allowed: false, message: `${verb} not permitted`, reason, role: role?.name };
}

import type { SyncConfig, SyncPartitionConfig } from "../../config/types.ts";
import { permission, type CompiledRules, type Permission } from "./compile.ts";
import { run, RuleSession, type MaybePromise, type RuleRequest, type Steps } from "./session.ts";
import type { DocumentDecision } from "./trace.ts";

export interface SyncPermissions {
  read: boolean;
  write: boolean;
  reason: string;
  trace?: DocumentDecision;
}

export interface SyncPermissionOptions extends Omit<RuleRequest, "user" | "partition"> {
  /** Return a structured trace of the evaluation. */
  trace?: boolean;
}

const NO_RULES: CompiledRules = { roles: [], filters: [], generation: "2022" };
const compiled = new WeakMap<object, { read: Permission; write: Permission }>();

/**
 * Partition-based Sync permissions (reference §3.7) for a user opening a partition:
 * `partition.permissions.read|write` with `%%partition` bound. Write implies read, so
 * read is only evaluated when write is false. Development mode enforces nothing.
 */
export async function evaluateSyncPermissions(
  sync: SyncConfig | undefined,
  user: Record<string, unknown> | undefined,
  partitionValue: unknown,
  options: SyncPermissionOptions = {},
): Promise<SyncPermissions> {
  const { trace, ...request } = options;
  return syncPermissions(sync, { ...request, user, partition: partitionValue }, trace);
}

/** The same, answering synchronously unless a permission calls a function. */
export function syncPermissions(sync: SyncConfig | undefined, request: RuleRequest, trace = false): MaybePromise<SyncPermissions> {
  const t: DocumentDecision | undefined = trace
    ? { operation: "sync", roles: [], document: [], fields: [], allowed: false, reason: "" }
    : undefined;
  return run(syncSteps(new RuleSession(NO_RULES, request), sync, t));
}

function* syncSteps(s: RuleSession, sync: SyncConfig | undefined, t: DocumentDecision | undefined): Steps<SyncPermissions> {
  if (!sync || sync.state !== "enabled") return done(t, false, false, "Sync is not enabled");
  if (sync.development_mode_enabled) return done(t, true, true, "development mode is on, so permissions are not enforced");
  if (!sync.partition) return done(t, false, false, "Sync has no partition permissions");
  const perms = compiledPermissions(sync.partition.permissions);
  const out = t?.document;
  if (yield* s.check(perms.write, "write", undefined, undefined, out)) return done(t, true, true, "write permission (which implies read)");
  const read = yield* s.check(perms.read, "read", undefined, undefined, out);
  return done(t, read, false, read ? "read permission only" : "neither read nor write permission");
}

function compiledPermissions(perms: SyncPartitionConfig["permissions"]): { read: Permission; write: Permission } {
  let entry = compiled.get(perms);
  if (!entry) {
    // The parser fills a missing one with `{}` (true); `permission` treats undefined alike.
    entry = {
      read: permission(perms.read, "partition.permissions.read", true),
      write: permission(perms.write, "partition.permissions.write", true),
    };
    compiled.set(perms, entry);
  }
  return entry;
}

function done(t: DocumentDecision | undefined, read: boolean, write: boolean, reason: string): SyncPermissions {
  if (t) {
    t.allowed = read;
    t.reason = reason;
  }
  return t ? { read, write, reason, trace: t } : { read, write, reason };
}

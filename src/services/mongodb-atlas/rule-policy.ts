import type { RulesConfig, SyncConfig } from "../../config/types.ts";
import type { Document } from "../../bson/types.ts";
import { AppServicesError } from "../../core/app-services-error.ts";
import type { ErrorCode } from "../../core/error-codes.ts";
import { ExpressionError } from "../../rules/expressions/index.ts";
import {
  restrictQuery,
  RuleEvaluator,
  syncPermissions,
  type AppliedFilters,
  type MaybePromise,
  type RuleRequest,
  type RulesTrace,
  type SyncPermissions,
  type WriteDecision,
} from "../../rules/roles/index.ts";
import type { RequestContext } from "../request-context.ts";
import { SYSTEM_POLICY, type AccessPolicy, type WriteKind } from "./access-policy.ts";

export interface RulePolicyOptions {
  /** The namespace's rule set: its rules.json, or the data source's default rule (see `effectiveRules`). */
  rules: RulesConfig | undefined;
  /** "db.coll" */
  namespace: string;
  context: RequestContext;
  values?: Record<string, unknown>;
  environment?: { tag: string; values: Record<string, unknown> };
  callFunction?: (name: string, args: unknown[]) => unknown;
  /** Receives every filter and document decision of the request. */
  trace?: RulesTrace;
  /**
   * The Sync config, when the namespace is in the synced cluster. With partition Sync
   * enabled its permissions replace the roles (reference §3.7), evaluated per document
   * with `%%partition` = the document's partition key value.
   */
  sync?: SyncConfig;
}

/**
 * A denied write answers HTTP 400 with `insert not permitted` and the like (confirmed
 * for inserts). No source gives its error_code; MongoDBError is the service's 400 code.
 */
const DENIED: ErrorCode = "MongoDBError";

/**
 * The access policy of one request on one namespace, enforcing its rules. System
 * requests get SYSTEM_POLICY. Without a rule every use fails with the server's
 * `no rule exists for namespace '<db>.<coll>'`.
 */
export function createRulePolicy(options: RulePolicyOptions): AccessPolicy {
  if (options.context.system) return SYSTEM_POLICY;
  const request: RuleRequest = {
    user: (options.context.user ?? undefined) as Record<string, unknown> | undefined,
    request: options.context.request,
    values: options.values ?? {},
    environment: options.environment ?? { tag: "", values: {} },
    callFunction: options.callFunction,
  };
  if (options.sync?.state === "enabled" && options.sync.partition) return partitionPolicy(options, options.sync, request);
  if (!options.rules || options.rules.roles.length === 0) return noRulePolicy(options.namespace);
  return rolePolicy(options, options.rules, request);
}

function rolePolicy(options: RulePolicyOptions, rules: RulesConfig, request: RuleRequest): AccessPolicy {
  const { namespace, trace } = options;
  const evaluator = new RuleEvaluator(rules, request);
  const filters = (): MaybePromise<AppliedFilters> => evaluator.filters(trace);
  const visible = (doc: Document, applied: AppliedFilters): MaybePromise<Document | undefined> =>
    then(evaluator.read(doc, trace), (shown) => (shown && applied.project ? applied.project(shown) : shown));
  return {
    validatesSchema: true,
    restrictFilter: (filter) => guard(namespace, () => then(filters(), (applied) => restrictQuery(filter, applied))),
    readDocument: (doc) => guard(namespace, () => then(filters(), (applied) => visible(doc, applied))),
    checkWrite: (kind, before, after) =>
      guard(namespace, () => then(evaluator.write(kind, before, after, trace), (decision) => enforce(namespace, kind, decision))),
  };
}

function partitionPolicy(options: RulePolicyOptions, sync: SyncConfig, request: RuleRequest): AccessPolicy {
  const { namespace, trace } = options;
  const key = sync.partition!.key;
  // Per request, one evaluation per partition value (they may call functions).
  const known = new Map<unknown, MaybePromise<SyncPermissions>>();
  const permissionsOf = (doc: Document | undefined): MaybePromise<SyncPermissions> => {
    const value = doc?.[key];
    const cacheKey = value === null || typeof value !== "object" ? value : `\0${(value as { _bsontype?: string })._bsontype}:${JSON.stringify(value)}`;
    let entry = known.get(cacheKey);
    if (entry === undefined) {
      entry = syncPermissions(sync, { ...request, partition: value }, trace !== undefined);
      known.set(cacheKey, entry);
      if (trace) {
        const record = (p: SyncPermissions) => void (p.trace && trace.decisions.push(p.trace));
        if (entry instanceof Promise) entry.then(record, () => undefined);
        else record(entry);
      }
    }
    return entry;
  };
  const canWrite = (doc: Document | undefined) => then(permissionsOf(doc), (p) => p.write);
  return {
    validatesSchema: true,
    restrictFilter: (filter) => filter,
    readDocument: (doc) => guard(namespace, () => then(permissionsOf(doc), (p) => (p.read ? doc : undefined))),
    checkWrite: (kind, before, after) =>
      guard(namespace, () =>
        then(kind === "insert" ? true : canWrite(before), (old) =>
          then(old && (kind === "delete" ? true : canWrite(after)), (allowed) =>
            enforce(namespace, kind, {
              allowed,
              message: `${kind === "replace" ? "update" : kind} not permitted`,
              reason: `no Sync write permission for the document's partition (${key})`,
            }),
          ),
        ),
      ),
  };
}

function noRulePolicy(namespace: string): AccessPolicy {
  const fail = (): never => {
    throw new AppServicesError("NoMatchingRuleFound", `no rule exists for namespace '${namespace}'`);
  };
  return { validatesSchema: true, restrictFilter: fail, readDocument: fail, checkWrite: fail };
}

function enforce(namespace: string, kind: WriteKind, decision: WriteDecision): void {
  if (decision.allowed) return;
  throw new AppServicesError(DENIED, decision.message, { namespace, operation: kind, role: decision.role, reason: decision.reason });
}

function then<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Rule expressions that cannot be evaluated are the app's configuration problem, reported with their location. */
function guard<T>(namespace: string, body: () => MaybePromise<T>): MaybePromise<T> {
  try {
    const result = body();
    return result instanceof Promise ? result.catch((error: unknown) => rethrow(namespace, error)) : result;
  } catch (error) {
    return rethrow(namespace, error);
  }
}

function rethrow(namespace: string, error: unknown): never {
  if (error instanceof ExpressionError) {
    throw new AppServicesError("InvalidConfig", `cannot evaluate the rules of '${namespace}': ${error.message}`, {
      namespace,
      path: error.path,
      reason: error.reason,
    });
  }
  throw error;
}

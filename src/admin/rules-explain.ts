import { rulePolicyOptions } from "../app/policies.ts";
import type { SandboxApp } from "../app/app.ts";
import { readCustomData } from "../auth/custom-data.ts";
import { requestUserOf } from "../auth/records.ts";
import { fromEJSON, toEJSON } from "../bson/ejson.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import type { RulesConfig, SyncConfig } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { Budget } from "../query/limits.ts";
import { compileFilter } from "../query/matcher.ts";
import { formatTrace, formatValue } from "../rules/expressions/index.ts";
import {
  createRulesTrace,
  formatDecisionTrace,
  type DocumentDecision,
  type PermissionOutcome,
  type RulesTrace,
} from "../rules/roles/index.ts";
import { createRulePolicy } from "../services/mongodb-atlas/rule-policy.ts";
import { userContext } from "../services/request-context.ts";

/*
 * Why a user may or may not read or write one document: the rules of its namespace run
 * again for that user with a trace, the same way a client request runs them, and the
 * trace is returned as plain data with every expression shown as written and with its
 * values filled in. The console's Why view puts it into words.
 */

export type ExplainAction = "read" | "write" | "insert" | "delete";

/** One evaluated permission, ready to show. */
export interface OutcomeView {
  /** `apply_when`, `read`, `write`, `insert`, `document_filters.read`… */
  name: string;
  /** Where it is set, e.g. `roles[1].apply_when`. */
  where: string;
  result: boolean;
  /** `default`: not set in the rules; `constant`: set to true/false (or `{}`); `expression`: evaluated. */
  source: "default" | "constant" | "expression";
  /** The setting as written in the rules, as JSON. */
  asWritten?: string;
  /** The evaluation, one line per comparison, values filled in. */
  lines: string[];
}

export interface RoleView {
  name: string;
  index: number;
  asWritten: string;
  /** Whether its Apply When was evaluated (roles after the one that applied are not). */
  tried: boolean;
  applyWhen?: OutcomeView;
}

export interface FilterView {
  name: string;
  applies: boolean;
  applyWhen: OutcomeView;
  /** The query it adds, expansions substituted. */
  query?: string;
  projection?: string;
  /** The document does not match this filter's query, so the filter withholds it. */
  excludes?: boolean;
}

export interface FieldView {
  path: string;
  access: "read" | "write";
  allowed: boolean;
  /** The setting that decided, e.g. `fields.status.read`, `additional_fields.write`. */
  via: string;
  outcome?: OutcomeView;
}

export interface RuleExplanation {
  database: string;
  collection: string;
  action: ExplainAction;
  user: { id: string; email?: string };
  /** Canonical Extended JSON. */
  documentId?: unknown;
  /** What decides for this namespace. */
  governedBy: "collection roles" | "default roles" | "sync permissions" | "no rules";
  allowed: boolean;
  /** One line saying why, from the rules engine. */
  reason: string;
  /** What the client was told when refused (`update not permitted`…). */
  message?: string;
  filters: FilterView[];
  roles: RoleView[];
  appliedRole?: string;
  /** Document-level permissions in the order they were evaluated. */
  document: OutcomeView[];
  fields: FieldView[];
  /** Fields of the stored document the user does not see (reads only). */
  hiddenFields: string[];
  /** The Rules screen of this collection. */
  rulesHref: string;
  /** The whole trace as indented lines. */
  trace: string[];
}

export interface ExplainRequest {
  database: string;
  collection: string;
  userId: string;
  action: ExplainAction;
  /** The stored document's `_id` (Extended JSON); needed for read, write and delete. */
  documentId?: unknown;
  /** The document as it would be written (Extended JSON); needed for insert and write. */
  document?: unknown;
}

const ACTIONS: readonly ExplainAction[] = ["read", "write", "insert", "delete"];

export function explainRequestOf(body: Record<string, unknown>): ExplainRequest {
  const { database, collection, userId, action } = body;
  if (typeof database !== "string" || typeof collection !== "string" || database === "" || collection === "") {
    throw new AppServicesError("MissingParameter", "explain needs a database and a collection");
  }
  if (typeof userId !== "string" || userId === "") throw new AppServicesError("MissingParameter", "explain needs the userId of the user to explain for");
  if (typeof action !== "string" || !ACTIONS.includes(action as ExplainAction)) {
    throw new AppServicesError("InvalidParameter", `action must be one of ${ACTIONS.join(", ")}`);
  }
  return { database, collection, userId, action: action as ExplainAction, documentId: body.documentId, document: body.document };
}

export async function explainRules(app: SandboxApp, ask: ExplainRequest, service = "mongodb-atlas"): Promise<RuleExplanation> {
  const namespace = `${ask.database}.${ask.collection}`;
  const record = await app.db.users.get(ask.userId);
  if (!record) throw new AppServicesError("UserNotFound", `user not found: '${ask.userId}'`);
  const user = requestUserOf(record, (await readCustomData(app, record.id)) ?? {});
  const context = userContext(user, { remoteIPAddress: "127.0.0.1", httpMethod: "POST", requestHeaders: {} });
  const model = app.deployed;
  const collection = model.collections.find((c) => c.service === service && c.database === ask.database && c.collection === ask.collection);
  const options = rulePolicyOptions({ model, service, namespace, collection, context }, () => app.functions);
  const trace = createRulesTrace(namespace);
  const policy = createRulePolicy({ ...options, trace });

  const stored = ask.action === "insert" ? undefined : await storedDocument(app, namespace, ask.documentId);
  const proposed = ask.action === "insert" || ask.action === "write" ? documentOf(ask.document) : undefined;

  const explanation: RuleExplanation = {
    database: ask.database,
    collection: ask.collection,
    action: ask.action,
    user: { id: record.id, email: record.email || undefined },
    documentId: stored?._id !== undefined ? toEJSON(stored._id) : proposed?._id !== undefined ? toEJSON(proposed._id) : undefined,
    governedBy: options.sync ? "sync permissions" : !options.rules ? "no rules" : collection?.rules?.roles.length ? "collection roles" : "default roles",
    allowed: false,
    reason: "",
    filters: [],
    roles: [],
    document: [],
    fields: [],
    hiddenFields: [],
    rulesHref: `#/rules/${encodeURIComponent(ask.database)}/${encodeURIComponent(ask.collection)}`,
    trace: [],
  };

  try {
    if (ask.action === "read") {
      const restricted = await policy.restrictFilter({});
      const passes = compileFilter(restricted, new Budget())(stored!);
      if (!passes) {
        explanation.reason = "a query filter of the rules leaves the document out, so it is never matched";
      } else {
        const visible = await policy.readDocument(stored!);
        explanation.allowed = visible !== undefined;
        explanation.hiddenFields = hiddenPaths(stored!, visible);
      }
    } else if (ask.action === "insert") {
      await policy.checkWrite("insert", undefined, proposed);
      explanation.allowed = true;
    } else if (ask.action === "delete") {
      await policy.checkWrite("delete", stored, undefined);
      explanation.allowed = true;
    } else {
      await policy.checkWrite("replace", stored, { ...proposed!, _id: stored!._id });
      explanation.allowed = true;
    }
  } catch (error) {
    if (!(error instanceof AppServicesError)) throw error;
    explanation.message = error.message;
    const reason = error.details?.reason;
    explanation.reason = typeof reason === "string" ? reason : error.message;
  }
  describe(explanation, trace, options.sync ? { sync: options.sync } : options.rules, stored);
  return explanation;
}

/** Fills the explanation from the trace: filters, roles in order, permissions, fields. */
function describe(out: RuleExplanation, trace: RulesTrace, config: RulesConfig | { sync: SyncConfig } | undefined, stored: Document | undefined): void {
  const view = (outcome: PermissionOutcome): OutcomeView => ({
    name: outcome.name,
    where: outcome.where,
    result: outcome.result,
    source: outcome.source,
    asWritten: asWritten(config, outcome.where),
    lines: outcome.entries ? formatTrace(outcome.entries) : [],
  });
  out.filters = trace.filters.map((f) => {
    const excludes = f.query !== undefined && stored !== undefined && !compileFilter(f.query as Document, new Budget())(stored);
    return {
      name: f.filter,
      applies: f.applyWhen.result,
      applyWhen: view(f.applyWhen),
      query: f.query === undefined ? undefined : formatValue(f.query, 200),
      projection: f.projection === undefined || Object.keys(f.projection as object).length === 0 ? undefined : formatValue(f.projection, 200),
      excludes: excludes || undefined,
    };
  });
  // Sync traces a decision per partition value; the last one is this document's.
  const decision: DocumentDecision | undefined = trace.decisions[trace.decisions.length - 1];
  if (decision) {
    if (!out.reason) out.reason = decision.reason;
    out.appliedRole = decision.role;
    out.document = decision.document.map(view);
    out.fields = decision.fields.map((f) => ({ path: f.path, access: f.access, allowed: f.allowed, via: f.via, outcome: f.outcome && view(f.outcome) }));
  }
  if (config && "roles" in config) {
    out.roles = config.roles.map((role, index) => {
      const attempt = decision?.roles.find((r) => r.index === index);
      return { name: role.name, index, asWritten: json(role.apply_when ?? {}), tried: attempt !== undefined, applyWhen: attempt && view(attempt.applyWhen) };
    });
  }
  if (!out.reason && !config) out.reason = `no rule exists for namespace '${out.database}.${out.collection}'`;
  out.trace = formatDecisionTrace(trace);
}

async function storedDocument(app: SandboxApp, namespace: string, id: unknown): Promise<Document> {
  if (id === undefined) throw new AppServicesError("MissingParameter", "explain needs the documentId of the document");
  const key = fromEJSON({ id }) as { id: unknown };
  const doc = await app.store.get(namespace, key.id);
  if (!doc) throw new AppServicesError("NotFound", `no document with _id ${formatValue(key.id)} in ${namespace}`);
  return doc;
}

function documentOf(value: unknown): Document {
  const doc = isPlainObject(value) ? fromEJSON(value) : undefined;
  if (!isPlainObject(doc)) throw new AppServicesError("MissingParameter", "explaining an insert or a write needs the document as it would be written");
  return doc;
}

/** Dotted paths present in the stored document and absent from what the user sees. */
export function hiddenPaths(stored: unknown, visible: unknown, prefix = ""): string[] {
  if (visible === undefined) return prefix ? [prefix] : [];
  const containers = (isPlainObject(stored) && isPlainObject(visible)) || (Array.isArray(stored) && Array.isArray(visible));
  if (!containers || Array.isArray(stored)) return [];
  const out: string[] = [];
  const shown = visible as Document;
  for (const key of Object.keys(stored as Document)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(shown, key)) out.push(path);
    else out.push(...hiddenPaths((stored as Document)[key], shown[key], path));
  }
  return out;
}

/** The setting at a trace location (`roles[1].fields.status.read`) as JSON, or undefined when it is not set. */
function asWritten(config: RulesConfig | { sync: SyncConfig } | undefined, where: string): string | undefined {
  let value: unknown = config && "sync" in config ? { partition: config.sync.partition } : config;
  for (const part of where.split(/\.|(?=\[)/)) {
    if (value === undefined || value === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    value = index ? (value as unknown[])[Number(index[1])] : (value as Record<string, unknown>)[part];
  }
  return value === undefined ? undefined : json(value);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

import type { SandboxApp } from "../app/app.ts";
import { toEJSON } from "../bson/ejson.ts";
import { isPlainObject } from "../bson/types.ts";
import type { AppModel, RulesConfig } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { GraphQLExplain, type FieldTrace } from "../graphql/execution/explain.ts";
import type { GraphQLEndpoint, GraphQLResponse } from "../graphql/index.ts";
import { appSchemaOf } from "../graphql/index.ts";
import { formatTrace, formatValue } from "../rules/expressions/index.ts";
import { effectiveRules, type FilterOutcome } from "../rules/roles/index.ts";
import type { OperationTrace, StorageRead } from "../services/explain-trace.ts";
import { SYSTEM_CONTEXT, type RequestContext } from "../services/request-context.ts";
import { graphqlRequestOf, userRequestContext } from "./graphql-request.ts";
import type { FilterView, OutcomeView } from "./rules-explain.ts";

/*
 * Explain for the playground: the operation runs once more through the app's GraphQL
 * endpoint as the chosen identity, with a trace, and the trace is turned into plain data
 * a learner can read: per field, each MongoDB call as a line, the rules' filters and
 * roles, what storage read and what the rules let through, and where the time went.
 */

export type ExplainRunAs = { kind: "system" } | { kind: "user"; userId: string; email?: string };

export interface OperationReport {
  operation: OperationTrace["operation"];
  database: string;
  collection: string;
  /** The call as a line, e.g. `tasks.find({status: "Open"}).limit(100)`. */
  call: string;
  /** The filter the resolver built, and the one that ran once the rules' query filters were merged in. */
  filter?: string;
  ranFilter?: string;
  /** Who decides for this collection. */
  governedBy: "system (rules bypassed)" | "collection roles" | "default roles" | "sync permissions" | "no rules";
  /** The rules' query filters: whether each applied, and why, as the Why view shows them. */
  roleFilters: FilterView[];
  /** Roles applied to the documents returned, with how many each and their Apply When as written. */
  roles: { name: string; documents: number; applyWhen?: string }[];
  /** Documents storage returned, matched by the filter that ran, and answered. */
  read: number;
  matched: number;
  returned: number;
  /** Canonical Extended JSON ids of the documents answered, in order (the first 100): `tasks[3]` is the fourth. */
  returnedIds: unknown[];
  written?: number;
  /** Canonical Extended JSON ids (the first 20) of documents a rules filter left out, no role let through, or returned with hidden fields. */
  filteredOut: { count: number; ids: unknown[] };
  withheld: { count: number; ids: unknown[] };
  hidden: { count: number; documents: { id: unknown; fields: string[] }[] };
  storage: StorageRead[];
  storageMs: number;
  ms: number;
  error?: string;
}

export interface FieldReport {
  kind: FieldTrace["kind"];
  /** Response key (alias or field name); for relationship reads, the namespace. */
  key: string;
  /** `Query.tasks`; for relationship reads the type read (`User`). */
  field: string;
  /** For relationship reads: the relationship fields that asked for them (`Task.assignee`). */
  relationships?: string[];
  /** The field's arguments, as one line. */
  args?: string;
  operations: OperationReport[];
  ms: number;
  error?: string;
}

export interface ExplainReport {
  runAs: ExplainRunAs;
  operationName?: string;
  fields: FieldReport[];
  totals: { operations: number; storageQueries: number; documentsRead: number; storageMs: number; ms: number };
  /** Said once above the report (e.g. that the system bypasses rules). */
  note?: string;
}

export interface ExplainAnswer {
  response: GraphQLResponse;
  report: ExplainReport;
}

const SYSTEM_NOTE = "Run as the system: rules are bypassed, so no role filters or roles apply and nothing is withheld.";

export async function explainGraphQL(app: SandboxApp, body: Record<string, unknown>, endpointOf: (app: SandboxApp) => Promise<GraphQLEndpoint>): Promise<ExplainAnswer> {
  const request = graphqlRequestOf(body);
  const { runAs, context } = await identity(app, body.runAs);
  const explain = new GraphQLExplain();
  const response = await (await endpointOf(app)).execute(request, context, explain);
  const ms = performance.now() - explain.startedAt;
  await explain.settled();
  const model = app.deployed;
  // Root fields in the order they ran, then what ran below them.
  const order: FieldTrace["kind"][] = ["root", "relationship", "nested", "undo"];
  const fields = explain.fields
    .filter((field) => field.kind !== "nested" || field.trace.operations.length > 0)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((field) => fieldReport(model, field, runAs.kind === "system"));
  const operations = fields.flatMap((f) => f.operations);
  const report: ExplainReport = {
    runAs,
    operationName: typeof request.operationName === "string" ? request.operationName : await operationNameOf(request.query as string),
    fields,
    totals: {
      operations: operations.length,
      storageQueries: operations.reduce((n, op) => n + op.storage.length, 0),
      documentsRead: operations.reduce((n, op) => n + op.read, 0),
      storageMs: operations.reduce((n, op) => n + op.storageMs, 0),
      ms,
    },
    note: runAs.kind === "system" ? SYSTEM_NOTE : undefined,
  };
  return { response, report };
}

/** The name of the operation that ran when the request named none (a document with one operation). */
async function operationNameOf(query: string): Promise<string | undefined> {
  const { getOperationAST, parse } = await import("graphql");
  try {
    return getOperationAST(parse(query))?.name?.value;
  } catch {
    return undefined;
  }
}

async function identity(app: SandboxApp, value: unknown): Promise<{ runAs: ExplainRunAs; context: RequestContext }> {
  if (value === "system" || (isPlainObject(value) && value.kind === "system")) return { runAs: { kind: "system" }, context: SYSTEM_CONTEXT };
  const userId = isPlainObject(value) ? value.userId : undefined;
  if (typeof userId !== "string" || userId === "") {
    throw new AppServicesError("MissingParameter", 'explain needs runAs: {"userId": "<id>"} for a user, or "system"');
  }
  const context = await userRequestContext(app, userId);
  const email = (await app.db.users.get(userId))?.email || undefined;
  return { runAs: { kind: "user", userId, email }, context };
}

function fieldReport(model: AppModel, field: FieldTrace, system: boolean): FieldReport {
  return {
    kind: field.kind,
    key: field.key,
    field: field.field,
    relationships: field.kind === "relationship" ? relationshipsTo(model, field.field) : undefined,
    args: field.args && Object.keys(field.args).length ? shell(field.args) : undefined,
    operations: field.trace.operations.map((op) => operationReport(model, op, system || field.kind === "undo")),
    ms: field.kind === "root" ? field.ms : field.trace.operations.reduce((n, op) => n + op.ms, 0),
    error: field.error,
  };
}

/** `Type.field` of every relationship whose target is the type `name`. */
function relationshipsTo(model: AppModel, name: string): string[] {
  const out: string[] = [];
  for (const spec of appSchemaOf(model).types) {
    for (const f of spec.fields) if (f.relation?.target.name === name) out.push(`${spec.name}.${f.name}`);
  }
  return out;
}

function operationReport(model: AppModel, op: OperationTrace, system: boolean): OperationReport {
  const dot = op.namespace.indexOf(".");
  const database = op.namespace.slice(0, dot);
  const collection = op.namespace.slice(dot + 1);
  const config = model.collections.find((c) => c.database === database && c.collection === collection);
  const rules = effectiveRules(config?.rules, model.defaultRules[config?.service ?? "mongodb-atlas"]);
  return {
    operation: op.operation,
    database,
    collection,
    call: callLine(collection, op),
    filter: op.filter === undefined ? undefined : shell(op.filter),
    ranFilter: op.restrictedFilter === undefined ? undefined : shell(op.restrictedFilter),
    governedBy: governedBy(model, op, rules, config?.rules, system),
    roleFilters: dedupe(op.rules.filters).map((f) => filterView(f, rules)),
    roles: Object.entries(op.roles).map(([name, documents]) => ({ name, documents, applyWhen: roleApplyWhen(rules, name) })),
    read: op.read,
    matched: op.matched,
    returned: op.returned,
    returnedIds: op.returnedIds.map(toEJSON),
    written: op.written,
    filteredOut: { count: op.filteredOut.count, ids: op.filteredOut.ids.map(toEJSON) },
    withheld: { count: op.withheld.count, ids: op.withheld.ids.map(toEJSON) },
    hidden: { count: op.hidden.count, documents: op.hidden.documents.map((d) => ({ id: toEJSON(d.id), fields: d.paths })) },
    storage: op.storage.map((s) => ({ ...s })),
    storageMs: op.storageMs,
    ms: op.ms,
    error: op.error,
  };
}

function governedBy(model: AppModel, op: OperationTrace, rules: RulesConfig | undefined, own: RulesConfig | undefined, system: boolean): OperationReport["governedBy"] {
  if (system) return "system (rules bypassed)";
  if (model.sync?.state === "enabled" && op.rules.decisions.some((d) => d.operation === "sync")) return "sync permissions";
  if (!rules) return "no rules";
  return own && own.roles.length > 0 ? "collection roles" : "default roles";
}

/** A filter's outcome is recorded once per policy; a field with several handles on one collection records it again. */
function dedupe(filters: FilterOutcome[]): FilterOutcome[] {
  const seen = new Set<string>();
  return filters.filter((f) => !seen.has(f.filter) && (seen.add(f.filter), true));
}

function filterView(outcome: FilterOutcome, rules: RulesConfig | undefined): FilterView {
  const index = rules?.filters.findIndex((f) => f.name === outcome.filter) ?? -1;
  const written = index >= 0 ? rules!.filters[index].apply_when : undefined;
  const applyWhen: OutcomeView = {
    name: outcome.applyWhen.name,
    where: outcome.applyWhen.where,
    result: outcome.applyWhen.result,
    source: outcome.applyWhen.source,
    asWritten: written === undefined ? undefined : JSON.stringify(written),
    lines: outcome.applyWhen.entries ? formatTrace(outcome.applyWhen.entries) : [],
  };
  const projection = outcome.projection;
  return {
    name: outcome.filter,
    applies: outcome.applyWhen.result,
    applyWhen,
    query: outcome.query === undefined ? undefined : shell(outcome.query),
    projection: projection === undefined || (isPlainObject(projection) && Object.keys(projection).length === 0) ? undefined : shell(projection),
  };
}

function roleApplyWhen(rules: RulesConfig | undefined, name: string): string | undefined {
  const role = rules?.roles.find((r) => r.name === name);
  return role ? JSON.stringify(role.apply_when ?? {}) : undefined;
}

/** The operation as a mongosh-like line. */
export function callLine(collection: string, op: Pick<OperationTrace, "operation" | "filter" | "sort" | "limit" | "skip" | "projection" | "pipeline" | "written">): string {
  const target = /^[A-Za-z_$][\w$]*$/.test(collection) ? collection : `getCollection(${JSON.stringify(collection)})`;
  if (op.operation === "aggregate") return `${target}.aggregate(${shell(op.pipeline ?? [])})`;
  if (op.operation === "insert") return `${target}.insertMany(${op.written ?? "…"} ${op.written === 1 ? "document" : "documents"})`;
  const args = [shell(op.filter ?? {})];
  if (op.projection && Object.keys(op.projection).length) args.push(shell(op.projection));
  let line = `${target}.${op.operation}(${args.join(", ")})`;
  if (op.sort && Object.keys(op.sort).length) line += `.sort(${shell(op.sort)})`;
  if (op.skip) line += `.skip(${op.skip})`;
  if (op.limit && op.operation !== "findOne") line += `.limit(${op.limit})`;
  return line;
}

const MAX_LINE = 400;
const MAX_ITEMS = 5;

/** A value in mongosh's style: bare keys where they are names, BSON values as their constructors, long lists shortened. */
export function shell(value: unknown): string {
  const text = render(value, 6);
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (depth === 0) return value.length ? "[…]" : "[]";
    const shown = value.slice(0, MAX_ITEMS).map((item) => render(item, depth - 1));
    if (value.length > MAX_ITEMS) shown.push(`… ${value.length - MAX_ITEMS} more`);
    return `[${shown.join(", ")}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (depth === 0) return keys.length ? "{…}" : "{}";
    return `{${keys.map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${render(value[key], depth - 1)}`).join(", ")}}`;
  }
  return formatValue(value, MAX_LINE);
}

/**
 * The playground's and the GraphQL screen's calls: the generated schema, a run as the
 * Run-as user (through the client API with a real session, exactly as a client would),
 * a run as the system, and a run with Explain. Only types come from the backend.
 */
import type { ExplainAnswer, ExplainReport, FieldReport, OperationReport } from "../../admin/graphql-explain.ts";
import type { GraphQLSchemaAnswer, SchemaSource, SystemRunAnswer } from "../../admin/graphql-routes.ts";
import type { RuleExplanation } from "../../admin/rules-explain.ts";
import type { ConsoleApi } from "./console-api.ts";
import type { ConsoleStore } from "./console-store.ts";

export type { ExplainAnswer, ExplainReport, FieldReport, GraphQLSchemaAnswer, OperationReport, SchemaSource, SystemRunAnswer };

export interface GraphQLRun {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Extra request headers (the playground's headers panel); the session's Authorization is set by the store. */
  headers?: Record<string, string>;
}

export interface GraphQLErrorShape {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLRunBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorShape[];
  extensions?: Record<string, unknown>;
  /** App Services' error shape, when the request failed before GraphQL ran (401, 404…). */
  error?: string;
  error_code?: string;
}

export interface GraphQLRunResult {
  /** The HTTP status of the answer. */
  status: number;
  body: GraphQLRunBody;
  /** Round trip as the page saw it. */
  ms: number;
}

const enc = encodeURIComponent;

function requestBody(run: GraphQLRun): Record<string, unknown> {
  const body: Record<string, unknown> = { query: run.query };
  if (run.variables !== undefined) body.variables = run.variables;
  if (run.operationName) body.operationName = run.operationName;
  return body;
}

export function fetchSchema(api: ConsoleApi, appId: string, source: SchemaSource = "deployed"): Promise<GraphQLSchemaAnswer> {
  return api.request("GET", `/${enc(appId)}/graphql/schema?source=${source}`);
}

/**
 * Runs the operation as the store's Run-as user, through the app's GraphQL URL of the
 * client API with that user's access token: the answer is the one a client would get.
 */
export async function runAsUser(store: ConsoleStore, appId: string, run: GraphQLRun): Promise<GraphQLRunResult> {
  const started = performance.now();
  const headers: Record<string, string> = { ...(run.headers ?? {}), "content-type": "application/json" };
  const response = await store.fetchAsUser(`/app/${enc(appId)}/graphql`, { method: "POST", headers, body: JSON.stringify(requestBody(run)) });
  const body = await readBody(response);
  return { status: response.status, body, ms: performance.now() - started };
}

/** Runs the operation as the system (rules bypassed: the answer's `extensions` says so). */
export async function runAsSystem(api: ConsoleApi, appId: string, run: GraphQLRun): Promise<GraphQLRunResult> {
  const started = performance.now();
  try {
    const body = await api.request<SystemRunAnswer>("POST", `/${enc(appId)}/graphql/run`, requestBody(run));
    return { status: 200, body, ms: performance.now() - started };
  } catch (error) {
    const failed = error as { message: string; code?: string; status?: number };
    return { status: failed.status ?? 500, body: { error: failed.message, error_code: failed.code }, ms: performance.now() - started };
  }
}

async function readBody(response: Response): Promise<GraphQLRunBody> {
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLRunBody;
  } catch {
    return { error: `the server answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}` };
  }
}

/** Who Explain runs the operation as. */
export type ExplainIdentity = { userId: string } | "system";

/**
 * Runs the operation once more as `runAs`, with a trace, and answers its response and
 * the report of what every field asked of the database and what the rules did.
 */
export function explainGraphQL(api: ConsoleApi, appId: string, run: GraphQLRun, runAs: ExplainIdentity): Promise<ExplainAnswer> {
  return api.request("POST", `/${enc(appId)}/graphql/explain`, { ...requestBody(run), runAs });
}

/** Why the rules gave `userId` one document the way they did (the Why view of a withheld document or a hidden field). */
export function explainDocumentRead(api: ConsoleApi, appId: string, ask: { database: string; collection: string; userId: string; documentId: unknown }): Promise<RuleExplanation> {
  return api.request("POST", `/${enc(appId)}/rules/explain`, { ...ask, action: "read" });
}

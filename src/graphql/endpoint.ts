/**
 * The GraphQL endpoint of an app, independent of HTTP: body in, `{data, errors}` out.
 * Phases: check the body → schema of the deployed model → parse → limits → validate →
 * execute as the caller → undo the writes of a mutation request that failed.
 */
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  execute as executeDocument,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";

import type { AppModel } from "../config/types.ts";
import type { RequestContext } from "../services/request-context.ts";
import { ExplainRequestState, type GraphQLExplain } from "./execution/explain.ts";
import type { JournalMode } from "./execution/journal.ts";
import { checkLimits, DEFAULT_LIMITS, jsonDepth, rootFieldCount, type GraphQLLimits } from "./execution/limits.ts";
import { RequestState, type GraphQLHost } from "./execution/state.ts";
import { appSchemaOf, buildAppSchema, type AppSchema } from "./schema/build.ts";
import { warmUp } from "./warm-up.ts";

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

export interface GraphQLEndpoint {
  /** `explain` (the console's Explain) records what each field asked of the MongoDB service. */
  execute(body: GraphQLRequestBody, context: RequestContext, explain?: GraphQLExplain): Promise<GraphQLResponse>;
  /** The schema of the deployed model; throws when it cannot be generated. */
  schema(): GraphQLSchema;
  /**
   * Builds the deployed model's schema and runs a query on it as `context` (see warm-up.ts),
   * so the first request pays for neither. The log hears of the schema at that request.
   */
  prepare(context: RequestContext): Promise<void>;
}

export function createGraphQLEndpoint(host: GraphQLHost, limits: Partial<GraphQLLimits> = {}): GraphQLEndpoint {
  const bounds: GraphQLLimits = { ...DEFAULT_LIMITS, ...limits };
  const reported = new WeakSet<AppModel>();
  const schemaOf = (model: AppModel): AppSchema => {
    const app = appSchemaOf(model);
    if (!reported.has(model)) {
      reported.add(model);
      if (app.warnings.length || app.errors.length) host.schemaGenerated?.({ warnings: [...app.warnings], errors: [...app.errors] });
    }
    return app;
  };
  return {
    schema: () => {
      const model = host.model();
      schemaOf(model);
      return buildAppSchema(model);
    },
    execute: (body, context, explain) => run(host, bounds, body, context, schemaOf, explain),
    prepare: async (context) => {
      const { schema } = appSchemaOf(host.model());
      if (schema) await warmUp(host, schema, bounds, context);
    },
  };
}

const failure = (...messages: (string | GraphQLError)[]): GraphQLResponse => ({
  errors: messages.map((m) => (typeof m === "string" ? { message: m } : m.toJSON())),
});

async function run(
  host: GraphQLHost,
  limits: GraphQLLimits,
  body: GraphQLRequestBody,
  context: RequestContext,
  schemaOf: (model: AppModel) => AppSchema,
  explain?: GraphQLExplain,
): Promise<GraphQLResponse> {
  if (body === null || typeof body !== "object") return failure("the request body must be a JSON object");
  const { query, variables, operationName } = body;
  if (typeof query !== "string" || query.trim() === "") return failure('the request must have a "query" string');
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) {
    return failure('"variables" must be an object');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return failure('"operationName" must be a string');
  if (query.length > limits.maxQueryLength) return failure(`the query is longer than ${limits.maxQueryLength} characters`);
  if (jsonDepth(variables, limits.maxInputDepth + 1) > limits.maxInputDepth) {
    return failure(`"variables" are nested more than ${limits.maxInputDepth} levels deep`);
  }

  const model = host.model();
  const app = schemaOf(model);
  if (!app.schema) return failure(...app.errors.map((e) => `the GraphQL schema cannot be generated: ${e}`));
  const schema = app.schema;

  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return failure(error);
    if (error instanceof RangeError) return failure("the query is nested too deeply");
    throw error;
  }
  const limitErrors = checkLimits(schema, document, limits);
  if (limitErrors.length) return failure(...limitErrors);
  // graphql/config.json's `disable_schema_introspection`, once the config model carries it.
  const noIntrospection = (model.graphql.config as Record<string, unknown>).disable_schema_introspection === true;
  const validationErrors = validate(schema, document, noIntrospection ? [...specifiedRules, NoSchemaIntrospectionCustomRule] : specifiedRules);
  if (validationErrors.length) return failure(...validationErrors);

  const operation = getOperationAST(document, (operationName as string | null | undefined) ?? undefined);
  const mode = operation ? journalMode(document, operation.operation, operation.selectionSet) : "off";
  const state = explain ? new ExplainRequestState(host, context, mode, explain) : new RequestState(host, context, mode);
  const result = await executeDocument({
    schema,
    document,
    variableValues: (variables as Record<string, unknown> | null | undefined) ?? undefined,
    operationName: (operationName as string | null | undefined) ?? undefined,
    contextValue: state,
  });
  const response: GraphQLResponse = {};
  if ("data" in result) response.data = result.data as Record<string, unknown> | null | undefined;
  const errors = (result.errors ?? []).map((e) => e.toJSON());
  if (state.journal.failed) errors.push(...(await undoWrites(state, response)));
  if (errors.length) response.errors = errors;
  return response;
}

function journalMode(document: DocumentNode, kind: string, selectionSet: Parameters<typeof rootFieldCount>[0]): JournalMode {
  if (kind !== "mutation") return "off";
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return rootFieldCount(selectionSet, fragments) > 1 ? "full" : "inserts";
}

/** A mutation request is all or nothing: undo what succeeded and null its results. */
async function undoWrites(state: RequestState, response: GraphQLResponse): Promise<GraphQLFormattedError[]> {
  const errors: GraphQLFormattedError[] = [];
  const undone = !state.journal.isEmpty;
  for (const problem of await state.journal.rollback()) errors.push({ message: `a write of this request could not be undone: ${problem}` });
  if (!undone || !response.data) return errors;
  for (const [key, value] of Object.entries(response.data)) {
    if (value === null) continue;
    response.data[key] = null;
    errors.push({ message: "undone: another mutation in this request failed", path: [key] });
  }
  return errors;
}

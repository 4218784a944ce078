import type { SandboxApp } from "../app/app.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { GraphQLEndpoint, GraphQLRequestBody } from "../graphql/index.ts";
import { SYSTEM_CONTEXT, userContext } from "../services/request-context.ts";
import { WithheldReads, type WithheldSummary } from "../services/withheld-reads.ts";
import type { RouteContext } from "./context.ts";
import { jsonResponse } from "./http.ts";
import type { GraphQLHandler } from "./routes.ts";

/**
 * `…/app/{appId}/graphql`: POST with a JSON body, or GET with query parameters, as
 * GraphQL clients send them. Answers `{data, errors}` with status 200 once the caller
 * is authenticated; authentication failures answer in the App Services error shape so
 * clients refresh their token on 401.
 */
/** How to prepare each app's GraphQL endpoint ahead of its first request (see prepareGraphQL). */
const preparers = new WeakMap<SandboxApp, () => Promise<void>>();

/**
 * Loads graphql-js and builds the app's schema for its deployed version, for when the
 * backend is idle: the first GraphQL request then costs about what later ones do.
 */
export function prepareGraphQL(app: SandboxApp): Promise<void> {
  return preparers.get(app)?.() ?? Promise.resolve();
}

export function createGraphQLRoute(app: SandboxApp): GraphQLHandler {
  // graphql-js is a large part of the backend: load it with the first GraphQL request.
  let endpoint: Promise<GraphQLEndpoint> | undefined;
  const load = () =>
    (endpoint ??= import("../graphql/index.ts").then(({ createGraphQLEndpoint }) =>
      createGraphQLEndpoint({
        model: () => app.deployed,
        service: (context, serviceName) => app.mongo(context, serviceName),
        callFunction: (name, args, context) => {
          if (!app.functions) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
          return app.functions.call(name, args, context);
        },
        // Parts of the schemas GraphQL cannot take are left out of the API; the log says which.
        schemaGenerated: ({ warnings, errors }) =>
          app.log.write({
            type: "graphql",
            status: errors.length ? "error" : "ok",
            summary: `GraphQL schema generated with ${warnings.length} ${warnings.length === 1 ? "warning" : "warnings"}${errors.length ? ` and ${errors.length} errors` : ""}`,
            details: { warnings, errors },
          }),
      }),
    ));
  preparers.set(app, async () => (await load()).prepare(SYSTEM_CONTEXT));
  return async (ctx) => {
    const body = ctx.request.method === "GET" ? queryParameters(ctx) : await ctx.json();
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new AppServicesError("BadRequest", "a GraphQL request body must be an object with a `query`");
    }
    const { user } = await ctx.credentialCaller();
    const started = app.clock();
    const request = body as GraphQLRequestBody;
    const withheld = new WithheldReads();
    const result = await (await load()).execute(request, { ...userContext(user, ctx.requestInfo()), withheld });
    const operation = typeof request.operationName === "string" ? request.operationName : "(anonymous)";
    ctx.details.operationName = operation;
    app.log.write({
      type: "graphql",
      status: result.errors?.length ? "error" : "ok",
      summary: `GraphQL ${operation}${result.errors?.length ? `: ${result.errors[0].message}` : ""}`,
      userId: user.id,
      durationMs: app.clock() - started,
      details: { operationName: operation, query: request.query, variables: request.variables, errors: result.errors, ...withheldDetails(withheld) },
    });
    return jsonResponse(result);
  };
}

/** What the rules kept from the operation's reads, when they kept anything (ids for the Why view). */
function withheldDetails(withheld: WithheldReads): { withheld?: WithheldSummary[] } {
  const summary = withheld.summary();
  return summary.length > 0 ? { withheld: summary } : {};
}

function queryParameters(ctx: RouteContext): GraphQLRequestBody {
  const params = ctx.url.searchParams;
  let variables: unknown;
  const text = params.get("variables");
  if (text) {
    try {
      variables = JSON.parse(text);
    } catch (error) {
      throw new AppServicesError("BadRequest", `invalid JSON in variables: ${(error as Error).message}`);
    }
  }
  return { query: params.get("query") ?? undefined, variables, operationName: params.get("operationName") ?? undefined };
}

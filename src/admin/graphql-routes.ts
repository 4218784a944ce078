import type { IntrospectionQuery } from "graphql";

import type { SandboxApp } from "../app/app.ts";
import { parseApp } from "../config/index.ts";
import type { AppFiles, AppModel } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { GraphQLLimits, GraphQLResponse } from "../graphql/index.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { ExplainAnswer } from "./graphql-explain.ts";
import { graphqlRequestOf } from "./graphql-request.ts";
import type { AdminRoute } from "./router.ts";

/*
 * The GraphQL screen's and the playground's calls: the generated schema (deployed, or
 * the draft's without deploying), a run as the system, and a run with Explain. They go
 * through the same endpoint code as the client API's GraphQL route, so the answers are
 * the ones a client would get. graphql-js loads with the first of these calls.
 */

export type SchemaSource = "deployed" | "draft";

export interface GraphQLSchemaAnswer {
  source: SchemaSource;
  /** The schema in SDL; empty when there is none (`errors` says why). */
  sdl: string;
  /** graphql's `introspectionFromSchema` of it, for the editor and the docs explorer; null without a schema. */
  introspection: IntrospectionQuery | null;
  /** What the generator left out, and why. */
  warnings: string[];
  /** Why no schema could be generated. */
  errors: string[];
  /** The limits every GraphQL request is checked against. */
  limits: GraphQLLimits;
  /** Whether introspection is turned off for clients (graphql/config.json). */
  introspectionDisabled: boolean;
}

/** A system run's answer: the GraphQL response, marked as having bypassed the rules. */
export interface SystemRunAnswer extends GraphQLResponse {
  extensions: { runAs: "system"; rulesBypassed: true; note: string };
}

const SYSTEM_NOTE = "Ran as the system: rules and schema validation were bypassed, as for triggers and system functions.";

type GraphQLModule = typeof import("../graphql/index.ts");
type Endpoint = ReturnType<GraphQLModule["createGraphQLEndpoint"]>;

const endpoints = new WeakMap<SandboxApp, Endpoint>();
const draftModels = new WeakMap<AppFiles, AppModel>();

/** The app's GraphQL endpoint for console calls, made once per app. */
export async function endpointOf(app: SandboxApp): Promise<Endpoint> {
  let endpoint = endpoints.get(app);
  if (!endpoint) {
    const { createGraphQLEndpoint } = await import("../graphql/index.ts");
    endpoint = createGraphQLEndpoint({
      model: () => app.deployed,
      service: (context, serviceName) => app.mongo(context, serviceName),
      callFunction: (name, args, context) => {
        if (!app.functions) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
        return app.functions.call(name, args, context);
      },
    });
    endpoints.set(app, endpoint);
  }
  return endpoint;
}

/** The draft as a model, parsed once per draft (every save makes a new files object). */
function draftModel(app: SandboxApp): AppModel {
  if (app.draft === app.deployedFiles) return app.deployed;
  let model = draftModels.get(app.draft);
  if (!model) {
    model = parseApp(app.draft, app.parseHooks);
    draftModels.set(app.draft, model);
  }
  return model;
}

export async function schemaAnswer(app: SandboxApp, source: SchemaSource): Promise<GraphQLSchemaAnswer> {
  const [{ appSchemaOf, DEFAULT_LIMITS }, { introspectionFromSchema, printSchema }] = await Promise.all([import("../graphql/index.ts"), import("graphql")]);
  const model = source === "draft" ? draftModel(app) : app.deployed;
  const { schema, warnings, errors } = appSchemaOf(model);
  return {
    source,
    sdl: schema ? printSchema(schema) : "",
    introspection: schema ? introspectionFromSchema(schema) : null,
    warnings: [...warnings],
    errors: [...errors],
    limits: { ...DEFAULT_LIMITS },
    introspectionDisabled: (model.graphql.config as Record<string, unknown>).disable_schema_introspection === true,
  };
}

export const GRAPHQL_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/graphql/schema",
    async handle(ctx) {
      const source = ctx.url.searchParams.get("source") ?? "deployed";
      if (source !== "deployed" && source !== "draft") throw new AppServicesError("InvalidParameter", "source must be deployed or draft");
      return schemaAnswer((await ctx.app()).app, source);
    },
  },
  {
    method: "POST",
    path: "/:appId/graphql/run",
    async handle(ctx): Promise<SystemRunAnswer> {
      const request = graphqlRequestOf(await ctx.body());
      const response = await (await endpointOf((await ctx.app()).app)).execute(request, SYSTEM_CONTEXT);
      return { ...response, extensions: { runAs: "system", rulesBypassed: true, note: SYSTEM_NOTE } };
    },
  },
  {
    // Body: {query, variables?, operationName?, runAs: {userId} | "system"}.
    method: "POST",
    path: "/:appId/graphql/explain",
    async handle(ctx): Promise<ExplainAnswer> {
      const { explainGraphQL } = await import("./graphql-explain.ts");
      return explainGraphQL((await ctx.app()).app, await ctx.body(), endpointOf);
    },
  },
];

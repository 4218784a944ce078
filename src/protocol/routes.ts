import { AppServicesError } from "../core/app-services-error.ts";
import { AUTH_ROUTES } from "./auth-routes.ts";
import type { RouteContext } from "./context.ts";
import { callFunction } from "./functions-call.ts";
import type { Route } from "./router.ts";
import { watch, type StreamRegistry } from "./watch.ts";

/** Serves `…/app/{appId}/graphql`; installed by the GraphQL layer. */
export type GraphQLHandler = (ctx: RouteContext) => Promise<Response>;

export interface RouteDependencies {
  streams: StreamRegistry;
  graphql: () => GraphQLHandler | undefined;
}

/**
 * The client API, relative to `/api/client/v2.0`. Routes under `/app/:appId` answer
 * for this app only; `/auth/*` session routes are not app-scoped and are tied to the
 * app by their token.
 */
export function clientRoutes(deps: RouteDependencies): Route[] {
  const graphql = async (ctx: RouteContext) => {
    const handler = deps.graphql();
    if (!handler) throw new AppServicesError("NotFound", "GraphQL is not enabled for this app");
    return handler(ctx);
  };
  return [
    ...AUTH_ROUTES,
    { method: "POST", path: "/app/:appId/functions/call", auth: "access", handle: callFunction },
    { method: "GET", path: "/app/:appId/functions/call", auth: "access", handle: (ctx) => watch(ctx, deps.streams) },
    // GraphQL authenticates itself (Bearer token, or credential headers), so the route takes "none".
    { method: "POST", path: "/app/:appId/graphql", auth: "none", handle: graphql },
    { method: "GET", path: "/app/:appId/graphql", auth: "none", handle: graphql },
  ];
}

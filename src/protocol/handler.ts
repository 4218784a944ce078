import type { SandboxApp } from "../app/app.ts";
import type { AuthService } from "../auth/index.ts";
import { cryptoRandomBytes, objectIdHex, type RandomBytes } from "../auth/ids.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { RouteContext } from "./context.ts";
import { matchEndpointUrl } from "./endpoint-url.ts";
import { serveEndpoint, serveWebhook } from "./endpoints.ts";
import { asAppServicesError, errorResponse } from "./error-response.ts";
import { API_PREFIX, matchRoute, type Route } from "./router.ts";
import { clientRoutes, type GraphQLHandler } from "./routes.ts";
import type { StreamRegistry } from "./watch.ts";

export interface RequestHandlerOptions {
  auth: AuthService;
  /** Serves the GraphQL route; can also be set later with `useGraphQL`. */
  graphql?: GraphQLHandler;
  /** Randomness for request ids; default WebCrypto. */
  randomBytes?: RandomBytes;
}

export interface RequestHandler {
  (request: Request): Promise<Response>;
  useGraphQL(handler: GraphQLHandler | undefined): void;
  /** Ends open watch streams. */
  close(): void;
}

/**
 * The client HTTP API of one app, as realm-web and GraphQL clients call it. Every
 * request gets a response (errors as `{error, error_code, link}`, never a throw) and
 * one `request` log entry.
 */
export function createRequestHandler(app: SandboxApp, options: RequestHandlerOptions): RequestHandler {
  const streams: StreamRegistry = new Set();
  let graphql = options.graphql;
  const routes = clientRoutes({ streams, graphql: () => graphql });
  const random = options.randomBytes ?? cryptoRandomBytes;

  const handler = async (request: Request): Promise<Response> => {
    const started = app.clock();
    const requestId = objectIdHex(started, random);
    const state: { ctx?: RouteContext; error?: AppServicesError } = {};
    let response: Response;
    try {
      response = await dispatch(app, options.auth, routes, request, requestId, state);
    } catch (error) {
      state.error = asAppServicesError(error);
      const allow = (error as { allow?: string }).allow;
      response = errorResponse(state.error, app.appId, requestId, allow ? { allow } : {});
    }
    logRequest(app, request, response, started, requestId, state);
    return response;
  };
  return Object.assign(handler, {
    useGraphQL(next: GraphQLHandler | undefined) {
      graphql = next;
    },
    close() {
      for (const stop of [...streams]) stop();
    },
  });
}

async function dispatch(
  app: SandboxApp,
  auth: AuthService,
  routes: Route[],
  request: Request,
  requestId: string,
  state: { ctx?: RouteContext },
): Promise<Response> {
  const url = new URL(request.url);
  const target = matchEndpointUrl(url);
  if (target) {
    checkAppId(app, target.appId);
    const ctx = new RouteContext(app, auth, request, url, target.base, { appId: target.appId }, requestId);
    state.ctx = ctx;
    return target.kind === "endpoint" ? serveEndpoint(ctx, target.route) : serveWebhook(ctx, target.service, target.name);
  }
  const at = url.pathname.indexOf(`${API_PREFIX}/`);
  if (at < 0) throw new AppServicesError("NotFound", `no route for ${request.method} ${url.pathname}`);
  const base = url.origin + url.pathname.slice(0, at);
  const match = matchRoute(routes, request.method, url.pathname.slice(at + API_PREFIX.length));
  if (match.kind === "none") throw new AppServicesError("NotFound", `no route for ${request.method} ${url.pathname}`);
  if (match.kind === "wrong-method") {
    const allowed = match.allowed.join(", ");
    const error = new AppServicesError("MethodNotAllowed", `${request.method} is not allowed on ${url.pathname}; use ${allowed}`);
    throw Object.assign(error, { allow: allowed });
  }
  const { route, params } = match;
  if (params.appId !== undefined) checkAppId(app, params.appId);
  const ctx = new RouteContext(app, auth, request, url, base, params, requestId);
  state.ctx = ctx;
  if (route.auth === "access") await ctx.caller();
  else if (route.auth === "refresh") ctx.bearerToken();
  return route.handle(ctx);
}

function checkAppId(app: SandboxApp, appId: string): void {
  if (appId !== app.appId) throw new AppServicesError("NotFound", `cannot find app using Client App ID '${appId}'`);
}

function logRequest(
  app: SandboxApp,
  request: Request,
  response: Response,
  started: number,
  requestId: string,
  state: { ctx?: RouteContext; error?: AppServicesError },
): void {
  let path = request.url;
  try {
    path = new URL(request.url).pathname;
  } catch {
    // An unparsable URL is logged as given.
  }
  const details: Record<string, unknown> = { method: request.method, path, status: response.status, requestId, ...state.ctx?.details };
  if (state.error) Object.assign(details, { error: state.error.message, error_code: state.error.code });
  app.log.write({
    type: "request",
    status: response.status < 400 ? "ok" : "error",
    summary: `${request.method} ${path} ${response.status}`,
    userId: state.ctx?.userId,
    durationMs: app.clock() - started,
    details,
  });
}

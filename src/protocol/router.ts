import type { RouteContext } from "./context.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Which credential a route takes. "none" routes ignore any Authorization header. */
export type RouteAuth = "none" | "access" | "refresh";

export interface Route {
  method: HttpMethod;
  /** Path after `/api/client/v2.0`; `:name` segments are parameters. */
  path: string;
  auth: RouteAuth;
  handle(ctx: RouteContext): Promise<Response>;
}

export type RouteMatch<R extends Pick<Route, "method" | "path"> = Route> =
  | { kind: "found"; route: R; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: HttpMethod[] }
  | { kind: "none" };

/** The client API prefix; anything before it (a sub-path the page is served from) is kept as the base. */
export const API_PREFIX = "/api/client/v2.0";

/** The route a method and path (relative to the API's prefix) select; any table of method + path patterns. */
export function matchRoute<R extends Pick<Route, "method" | "path">>(routes: readonly R[], method: string, path: string): RouteMatch<R> {
  const segments = path.split("/").filter((s, i) => i > 0 || s !== "");
  const allowed: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" };
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(":")) {
      let value: string;
      try {
        value = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
      if (value === "") return undefined;
      params[parts[i].slice(1)] = value;
    } else if (parts[i] !== segments[i]) {
      return undefined;
    }
  }
  return params;
}

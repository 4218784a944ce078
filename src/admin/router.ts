import { AppServicesError } from "../core/app-services-error.ts";
import { asAppServicesError } from "../protocol/error-response.ts";
import { readBodyText } from "../protocol/http.ts";
import { matchRoute, type HttpMethod } from "../protocol/router.ts";
import type { SandboxApps } from "../sandbox/apps.ts";
import type { HostedApp } from "../sandbox/hosted-app.ts";

/**
 * The console's API, shaped after the App Services Admin API v3 (`/groups/{groupId}/apps/
 * {appId}/…`), so the same handlers can serve it to other tools later. `{appId}` is the
 * client app id; the group is always "sandbox". It is not reachable from client code: the
 * page calls it through its own backend Worker only, never through the service worker.
 */
export const ADMIN_PREFIX = "/api/admin/v3.0/groups/sandbox/apps";

export interface AdminRoute {
  method: HttpMethod;
  /** Relative to ADMIN_PREFIX; `:name` segments are parameters. */
  path: string;
  handle(ctx: AdminContext): Promise<unknown>;
}

export class AdminContext {
  constructor(
    readonly apps: SandboxApps,
    readonly request: Request,
    readonly url: URL,
    readonly params: Record<string, string>,
  ) {}

  /** The app named by `:appId`, opened if needed. */
  async app(): Promise<HostedApp> {
    const appId = this.params.appId;
    const hosted = appId === undefined ? undefined : await this.apps.get(appId);
    if (!hosted) throw new AppServicesError("NotFound", `cannot find app using Client App ID '${appId}'`);
    return hosted;
  }

  /** The JSON body, which must be an object. */
  async body(): Promise<Record<string, unknown>> {
    const text = await readBodyText(this.request);
    if (text.trim() === "") return {};
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new AppServicesError("BadRequest", `invalid JSON body: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new AppServicesError("BadRequest", "the request body must be a JSON object");
    }
    return value as Record<string, unknown>;
  }
}

export type AdminHandler = (request: Request) => Promise<Response>;

/** Serves the admin routes; every answer is JSON, errors as `{error, error_code}` plus their details (e.g. config problems). */
export function createAdminHandler(apps: SandboxApps, routes: readonly AdminRoute[]): AdminHandler {
  return async (request) => {
    try {
      const url = new URL(request.url);
      const at = url.pathname.indexOf(ADMIN_PREFIX);
      if (at < 0) throw new AppServicesError("NotFound", `no route for ${request.method} ${url.pathname}`);
      const rest = url.pathname.slice(at + ADMIN_PREFIX.length).replace(/\/+$/, "");
      const match = matchRoute(routes, request.method, rest);
      if (match.kind === "none") throw new AppServicesError("NotFound", `no route for ${request.method} ${url.pathname}`);
      if (match.kind === "wrong-method") {
        throw new AppServicesError("MethodNotAllowed", `${request.method} is not allowed on ${url.pathname}; use ${match.allowed.join(", ")}`);
      }
      const value = await match.route.handle(new AdminContext(apps, request, url, match.params));
      return value === undefined ? new Response(null, { status: 204 }) : jsonAnswer(value);
    } catch (error) {
      const known = asAppServicesError(error);
      return jsonAnswer({ error: known.message, error_code: known.code, ...(known.details ?? {}) }, known.httpStatus);
    }
  };
}

function jsonAnswer(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
}

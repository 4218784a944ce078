import type { Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { RouteContext } from "./context.ts";
import { emptyResponse, jsonResponse } from "./http.ts";
import type { Route } from "./router.ts";

const PROVIDER = "/app/:appId/auth/providers/:provider";

/** GET location: this sandbox answers for whatever origin (and sub-path) the request came to. */
async function location(ctx: RouteContext): Promise<Response> {
  const config = ctx.app.deployed.realmConfig;
  const ws = ctx.base.replace(/^http/, "ws");
  return jsonResponse({
    deployment_model: typeof config.deployment_model === "string" ? config.deployment_model : "GLOBAL",
    location: typeof config.location === "string" ? config.location : "US-VA",
    hostname: ctx.base,
    ws_hostname: ws,
  });
}

async function login(ctx: RouteContext): Promise<Response> {
  if (ctx.url.searchParams.get("link") === "true") {
    throw new AppServicesError("BadRequest", "linking identities is not supported: each user has one email/password identity");
  }
  const body = await ctx.body();
  const options = asDocument(body.options);
  const device = asDocument(options?.device);
  const result = await ctx.auth.logIn(body.username, body.password, device?.deviceId, ctx.params.provider);
  ctx.userId = result.user_id;
  return jsonResponse(result);
}

/** Wraps a provider flow: its body fields in, an empty 2xx out. */
function flow(run: (ctx: RouteContext, body: Document) => Promise<void>, status = 204): (ctx: RouteContext) => Promise<Response> {
  return async (ctx) => {
    await run(ctx, await ctx.body());
    return emptyResponse(status);
  };
}

const userpass = (ctx: RouteContext) => ctx.auth.userpass;

async function profile(ctx: RouteContext): Promise<Response> {
  const { record } = await ctx.caller();
  return jsonResponse(await ctx.auth.profile(record));
}

async function refreshSession(ctx: RouteContext): Promise<Response> {
  return jsonResponse({ access_token: await ctx.auth.refresh(ctx.bearerToken()) }, 201);
}

async function logOut(ctx: RouteContext): Promise<Response> {
  await ctx.auth.logOut(ctx.bearerToken());
  return emptyResponse();
}

async function deleteSelf(ctx: RouteContext): Promise<Response> {
  const { record } = await ctx.caller();
  await ctx.auth.deleteUser(record.id);
  return emptyResponse();
}

function asDocument(value: unknown): Document | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Document) : undefined;
}

/**
 * Location, the email/password provider and the session routes. Provider routes take
 * no credential: realm-web sends the current user's access token with them anyway,
 * and it must not matter.
 */
export const AUTH_ROUTES: Route[] = [
  { method: "GET", path: "/app/:appId/location", auth: "none", handle: location },
  { method: "POST", path: `${PROVIDER}/login`, auth: "none", handle: login },
  {
    method: "POST",
    path: `${PROVIDER}/register`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).register(b.email, b.password, ctx.params.provider), 201),
  },
  {
    method: "POST",
    path: `${PROVIDER}/confirm`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).confirm(b.token, b.tokenId, ctx.params.provider)),
  },
  {
    method: "POST",
    path: `${PROVIDER}/confirm/send`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).resendConfirmation(b.email, ctx.params.provider)),
  },
  {
    method: "POST",
    path: `${PROVIDER}/confirm/call`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).retryConfirmation(b.email, ctx.params.provider)),
  },
  {
    method: "POST",
    path: `${PROVIDER}/reset`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).resetPassword(b.token, b.tokenId, b.password, ctx.params.provider)),
  },
  {
    method: "POST",
    path: `${PROVIDER}/reset/send`,
    auth: "none",
    handle: flow((ctx, b) => userpass(ctx).sendReset(b.email, ctx.params.provider)),
  },
  {
    method: "POST",
    path: `${PROVIDER}/reset/call`,
    auth: "none",
    handle: flow((ctx, b) => {
      const args = b.arguments === undefined ? [] : b.arguments;
      if (!Array.isArray(args)) throw new AppServicesError("BadRequest", "arguments must be an array");
      return userpass(ctx).callReset(b.email, b.password, args, ctx.params.provider);
    }),
  },
  { method: "GET", path: "/auth/profile", auth: "access", handle: profile },
  { method: "POST", path: "/auth/session", auth: "refresh", handle: refreshSession },
  { method: "DELETE", path: "/auth/session", auth: "refresh", handle: logOut },
  { method: "DELETE", path: "/auth/delete", auth: "access", handle: deleteSelf },
];

import { readCustomData } from "../auth/custom-data.ts";
import type { PendingLink } from "../auth/user-admin.ts";
import { toEJSON } from "../bson/ejson.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { AdminRoute } from "./router.ts";

/** The confirmation and reset links waiting on accounts, as a mail catcher would show them. */
export interface PendingLinks {
  confirmations: PendingLink[];
  resets: PendingLink[];
  /** How the deployed Email/Password provider confirms accounts ("off" when it is not enabled). */
  confirmMethod: "auto" | "email" | "function" | "off";
}

/** A user's custom data document in canonical Extended JSON, or why there is none. */
export interface UserCustomData {
  enabled: boolean;
  /** `db.collection` the document is read from, when set up. */
  namespace?: string;
  document?: Record<string, unknown>;
  error?: string;
}

/**
 * App users, shaped after the Admin API v3 `users` and `user_registrations` routes: list,
 * add a confirmed email/password user in one step, confirm or re-send for pending ones,
 * disable, enable, delete, log out everywhere, and open a real session for Run as.
 */
export const USER_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/users",
    async handle(ctx) {
      const users = await (await ctx.app()).auth.admin.listUsers();
      // `?search=` matches an email or an id, in part and ignoring case.
      const search = ctx.url.searchParams.get("search")?.trim().toLowerCase();
      return search ? users.filter((u) => u.email.toLowerCase().includes(search) || u.id.includes(search)) : users;
    },
  },
  {
    method: "POST",
    path: "/:appId/users",
    async handle(ctx) {
      const { email, password } = await ctx.body();
      if (typeof email !== "string" || typeof password !== "string") {
        throw new AppServicesError("BadRequest", "a new user needs an email and a password");
      }
      return (await ctx.app()).auth.admin.createUser(email, password);
    },
  },
  {
    method: "GET",
    path: "/:appId/users/:userId",
    async handle(ctx) {
      const user = await (await ctx.app()).auth.admin.getUser(ctx.params.userId);
      if (!user) throw notFound(ctx.params.userId);
      return user;
    },
  },
  { method: "DELETE", path: "/:appId/users/:userId", handle: async (ctx) => (await ctx.app()).auth.admin.deleteUser(ctx.params.userId) },
  { method: "PUT", path: "/:appId/users/:userId/enable", handle: async (ctx) => (await ctx.app()).auth.admin.enableUser(ctx.params.userId) },
  { method: "PUT", path: "/:appId/users/:userId/disable", handle: async (ctx) => (await ctx.app()).auth.admin.disableUser(ctx.params.userId) },
  {
    method: "PUT",
    path: "/:appId/users/:userId/logout",
    handle: async (ctx) => ({ revoked: await (await ctx.app()).auth.admin.revokeSessions(ctx.params.userId) }),
  },
  {
    method: "GET",
    path: "/:appId/users/:userId/sessions",
    async handle(ctx) {
      const sessions = await (await ctx.app()).auth.admin.sessions(ctx.params.userId);
      // Never the token material: only when and from which device.
      return sessions.map((s) => ({ id: s.id, deviceId: s.deviceId, createdAt: s.createdAt, expiresAt: s.expiresAt }));
    },
  },
  {
    method: "POST",
    path: "/:appId/users/:userId/sessions",
    async handle(ctx) {
      const { auth } = await ctx.app();
      const record = await auth.app.db.users.get(ctx.params.userId);
      if (!record) throw notFound(ctx.params.userId);
      if (record.disabled) throw new AppServicesError("UserDisabled", "this user is disabled: enable it to run as it");
      return auth.openSession(record);
    },
  },
  {
    method: "GET",
    path: "/:appId/users/:userId/custom_data",
    async handle(ctx): Promise<UserCustomData> {
      const { app } = await ctx.app();
      const config = app.deployed.auth.customUserData;
      if (!config.enabled) return { enabled: false };
      const namespace = `${config.database_name}.${config.collection_name}`;
      try {
        const doc = await readCustomData(app, ctx.params.userId);
        return doc ? { enabled: true, namespace, document: toEJSON(doc) as Record<string, unknown> } : { enabled: true, namespace };
      } catch (error) {
        return { enabled: true, namespace, error: (error as Error).message };
      }
    },
  },
  {
    method: "GET",
    path: "/:appId/user_registrations/pending_links",
    async handle(ctx): Promise<PendingLinks> {
      const { admin, userpass } = (await ctx.app()).auth;
      let confirmMethod: PendingLinks["confirmMethod"] = "off";
      try {
        const config = userpass.config();
        confirmMethod = config.autoConfirm ? "auto" : config.runConfirmationFunction ? "function" : "email";
      } catch {
        // Not enabled: pending accounts can still be confirmed or removed by hand.
      }
      return { confirmations: await admin.pendingConfirmations(), resets: await admin.pendingResets(), confirmMethod };
    },
  },
  {
    method: "POST",
    path: "/:appId/user_registrations/by_email/:email/confirm",
    handle: async (ctx) => (await ctx.app()).auth.admin.confirmUser(ctx.params.email),
  },
  {
    method: "POST",
    path: "/:appId/user_registrations/by_email/:email/send_confirm",
    handle: async (ctx) => (await ctx.app()).auth.userpass.resendConfirmation(ctx.params.email),
  },
  {
    method: "POST",
    path: "/:appId/user_registrations/by_email/:email/run_confirm",
    handle: async (ctx) => (await ctx.app()).auth.userpass.retryConfirmation(ctx.params.email),
  },
];

function notFound(id: string): AppServicesError {
  return new AppServicesError("UserNotFound", `user not found: '${id}'`);
}

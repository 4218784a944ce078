import { AppServicesError } from "../core/app-services-error.ts";
import type { AdminRoute } from "./router.ts";

/**
 * App users as Run as needs them: list, add a confirmed email/password user in one step,
 * and open a real session for one, so the console acts exactly as that user's client would.
 */
export const USER_ROUTES: AdminRoute[] = [
  { method: "GET", path: "/:appId/users", handle: async (ctx) => (await ctx.app()).auth.admin.listUsers() },
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
    method: "POST",
    path: "/:appId/users/:userId/sessions",
    async handle(ctx) {
      const { auth } = await ctx.app();
      const record = await auth.app.db.users.get(ctx.params.userId);
      if (!record) throw new AppServicesError("UserNotFound", `user not found: '${ctx.params.userId}'`);
      if (record.disabled) throw new AppServicesError("UserDisabled", "this user is disabled: enable it to run as it");
      return auth.openSession(record);
    },
  },
];

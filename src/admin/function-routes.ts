import type { AdminRoute } from "./router.ts";

export type { FunctionCall, FunctionRunAnswer, RunIdentity } from "./function-run.ts";

/**
 * The Functions screen's calls, after the Admin API's `…/functions/{id}/execute`
 * ("test run"): run a function's draft text, as the system or as a user, before it is
 * deployed, and read the log entries of its past calls. The handlers load with the
 * first call, so the backend's first load does not carry them.
 */
export const FUNCTION_ROUTES: AdminRoute[] = [
  { method: "POST", path: "/:appId/functions/:name/run", handle: async (ctx) => (await import("./function-run.ts")).runFunction(ctx) },
  { method: "GET", path: "/:appId/functions/:name/calls", handle: async (ctx) => (await import("./function-run.ts")).functionCalls(ctx) },
];

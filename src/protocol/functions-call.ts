import { AppServicesError } from "../core/app-services-error.ts";
import type { RouteContext } from "./context.ts";
import { ejsonResponse } from "./http.ts";
import { WithheldReads } from "../services/withheld-reads.ts";
import { callServiceMethod } from "./mongodb-methods.ts";

/**
 * POST functions/call: `{name, arguments, service?}`. With a service it is a
 * `mongodb-atlas` method run under the caller's rules; without one it is an app
 * function, run by the functions layer as a client call.
 */
export async function callFunction(ctx: RouteContext): Promise<Response> {
  const body = await ctx.body();
  const { name, service } = body;
  if (typeof name !== "string" || name === "") throw new AppServicesError("MissingParameter", "function name is required");
  const args = body.arguments === undefined || body.arguments === null ? [] : body.arguments;
  if (!Array.isArray(args)) throw new AppServicesError("InvalidParameter", "arguments must be an array");
  if (service !== undefined && service !== null && typeof service !== "string") {
    throw new AppServicesError("InvalidParameter", "service must be a string");
  }
  ctx.details.function = name;
  const withheld = new WithheldReads();
  try {
    if (typeof service === "string") {
      ctx.details.service = service;
      const context = { ...(await ctx.requestContext({ service, action: name })), withheld };
      return ejsonResponse(await callServiceMethod(ctx.app, context, service, name, args));
    }
    const context = { ...(await ctx.requestContext()), withheld };
    const host = ctx.app.functions;
    if (!host) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
    const result = await host.call(name, args, context, { fromClient: true, request: context.request });
    return ejsonResponse(result);
  } finally {
    // What the rules kept from this call's reads goes into its log entry, with ids for the Why view.
    const summary = withheld.summary();
    if (summary.length > 0) ctx.details.withheld = summary;
  }
}

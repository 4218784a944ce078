import type { SandboxApp } from "../app/app.ts";
import { readCustomData } from "../auth/custom-data.ts";
import { requestUserOf } from "../auth/records.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { GraphQLRequestBody } from "../graphql/index.ts";
import { userContext, type RequestContext } from "../services/request-context.ts";

/* What the console's GraphQL calls (a run as the system, a run with Explain) read from their body and who they run as. */

/** The GraphQL request of a console call's body. */
export function graphqlRequestOf(body: Record<string, unknown>): GraphQLRequestBody {
  if (typeof body.query !== "string" || body.query.trim() === "") throw new AppServicesError("MissingParameter", "the request needs a GraphQL `query`");
  return { query: body.query, variables: body.variables ?? undefined, operationName: body.operationName ?? undefined };
}

/** The context a user's request runs with, as the client API would build it for a session of theirs. */
export async function userRequestContext(app: SandboxApp, userId: string): Promise<RequestContext> {
  const record = await app.db.users.get(userId);
  if (!record) throw new AppServicesError("UserNotFound", `user not found: '${userId}'`);
  if (record.disabled) throw new AppServicesError("UserDisabled", `user '${record.email || userId}' is disabled; enable them on App Users to run as them`);
  const user = requestUserOf(record, (await readCustomData(app, record.id)) ?? {});
  return userContext(user, { remoteIPAddress: "127.0.0.1", httpMethod: "POST", requestHeaders: {} });
}

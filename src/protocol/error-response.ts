import { AppServicesError } from "../core/app-services-error.ts";

/** The documentation link App Services put next to an error, pointing at the app's logs. */
function errorLink(appId: string | undefined): string | undefined {
  return appId ? `https://realm.mongodb.com/groups/sandbox/apps/${appId}/logs` : undefined;
}

/** `{error, error_code, link}` with the code's HTTP status: the one shape every client API error takes. */
export function errorResponse(error: unknown, appId?: string): Response {
  const known =
    error instanceof AppServicesError
      ? error
      : new AppServicesError("InternalServerError", `internal error: ${(error as Error)?.message ?? String(error)}`);
  const body: Record<string, unknown> = { error: known.message, error_code: known.code };
  const link = errorLink(appId);
  if (link) body.link = link;
  return new Response(JSON.stringify(body), {
    status: known.httpStatus,
    headers: { "content-type": "application/json" },
  });
}

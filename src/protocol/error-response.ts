import { AppServicesError } from "../core/app-services-error.ts";

/** Where App Services pointed next to an error: the app's logs, at the request's entry. */
export function errorLink(appId: string, requestId?: string): string {
  const base = `https://services.cloud.mongodb.com/groups/sandbox/apps/${encodeURIComponent(appId)}/logs`;
  return requestId ? `${base}?co_id=${requestId}` : base;
}

/** Any thrown value as an AppServicesError; unexpected ones become InternalServerError. */
export function asAppServicesError(error: unknown): AppServicesError {
  if (error instanceof AppServicesError) return error;
  return new AppServicesError("InternalServerError", `internal error: ${(error as Error)?.message ?? String(error)}`);
}

/** `{error, error_code, link}` with the code's HTTP status: the one shape every client API error takes. */
export function errorResponse(error: unknown, appId?: string, requestId?: string, headers: Record<string, string> = {}): Response {
  const known = asAppServicesError(error);
  const body: Record<string, unknown> = { error: known.message, error_code: known.code };
  if (appId) body.link = errorLink(appId, requestId);
  return new Response(JSON.stringify(body), {
    status: known.httpStatus,
    headers: { ...headers, "content-type": "application/json" },
  });
}

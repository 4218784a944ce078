/** The App Services error shape, for failures of the path to the backend itself. */
export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message, error_code: "InternalServerError" }), {
    status,
    headers: { ...headers, "content-type": "application/json" },
  });
}

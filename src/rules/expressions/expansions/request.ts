import type { Expansion } from "./_expansion.ts";

/**
 * `%%request`: the incoming request — `httpMethod`, `httpReferrer`, `httpUserAgent`,
 * `rawQueryString`, `remoteIPAddress`, `requestHeaders`, `service`, `action`, `webhookUrl`.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-request
 */
export const request: Expansion = {
  name: "request",
  resolve: (ctx) => ctx.request,
};

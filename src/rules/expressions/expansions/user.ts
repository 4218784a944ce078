import type { Expansion } from "./_expansion.ts";

/**
 * `%%user`: the calling user — `id` (a 24-hex string), `type` ("normal", "server" for
 * API keys), `data` (provider metadata such as `email`), `custom_data` (the custom user
 * data document as cached in the access token) and `identities`.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-user
 */
export const user: Expansion = {
  name: "user",
  fields: ["id", "type", "data", "custom_data", "identities"],
  resolve: (ctx) => ctx.user,
};

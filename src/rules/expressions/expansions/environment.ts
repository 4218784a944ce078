import type { Expansion } from "./_expansion.ts";

/**
 * `%%environment`: `{tag, values}` — the app's environment name and the values defined
 * for it (2021+).
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-environment
 */
export const environment: Expansion = {
  name: "environment",
  fields: ["tag", "values"],
  resolve: (ctx) => ctx.environment,
};

import type { Expansion } from "./_expansion.ts";

/**
 * `%%values`: the app's values by name (a value linked to a secret holds the secret),
 * e.g. `{"%%user.id": {"$in": "%%values.admin_ids"}}`.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-values
 */
export const values: Expansion = {
  name: "values",
  resolve: (ctx) => ctx.values,
};

import type { Expansion } from "./_expansion.ts";

/**
 * `%%prev`: the value of the field an expression is attached to, before the operation.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-prev
 */
export const prev: Expansion = {
  name: "prev",
  resolve: (ctx) => ctx.prev,
};

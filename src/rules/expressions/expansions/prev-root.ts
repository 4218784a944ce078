import type { Expansion } from "./_expansion.ts";

/**
 * `%%prevRoot`: the document before the operation; absent on insert, which is what the
 * insert-only role pattern `{"%%prevRoot": {"%exists": false}}` relies on.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-prevRoot
 */
export const prevRoot: Expansion = {
  name: "prevRoot",
  resolve: (ctx) => ctx.prevRoot,
};

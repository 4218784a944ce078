import type { Expansion } from "./_expansion.ts";

/**
 * `%%this`: the value of the field an expression is attached to, after the operation
 * (field-level rules, schema `validate`).
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-this
 */
export const thisExpansion: Expansion = {
  name: "this",
  resolve: (ctx) => ctx.this,
};

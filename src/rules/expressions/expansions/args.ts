import type { Expansion } from "./_expansion.ts";

/**
 * `%%args`: the arguments of a service action (third-party service rules, deprecated).
 * With `defaultScope: "args"`, plain keys read from it.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-expansion-args
 */
export const args: Expansion = {
  name: "args",
  resolve: (ctx) => ctx.args,
};

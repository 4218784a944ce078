import type { TestOperator } from "../_internal.ts";

/**
 * `%exists` / `$exists`: whether the key has any value (null counts as a value).
 * `{"%%user.data.email": {"%exists": true}}`, `{"%%prevRoot": {"%exists": false}}`.
 * The operand is a boolean (or `%%true`/`%%false`); 0/1 are accepted as MongoDB does.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-exists
 */
export const exists: TestOperator = {
  kind: "test",
  name: "exists",
  prefixes: "%$",
  acceptsMissing: false,
  operandProblem: (value) => (typeof value === "boolean" || typeof value === "number" ? undefined : "true or false"),
  test: (left, right) => (left !== undefined) === Boolean(right),
};

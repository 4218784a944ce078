import { groupPredicate, type KeyOperator } from "../_internal.ts";

/**
 * `$nor` (key position): none of the listed expressions holds. Not documented for App
 * Services expressions; accepted with its MongoDB meaning and only with the `$` prefix
 * (`%nor` is an unknown operator), following the reference's recommendation.
 * https://www.mongodb.com/docs/manual/reference/operator/query/nor/
 */
export const nor: KeyOperator = {
  kind: "key",
  name: "nor",
  prefixes: "$",
  compile: (operand, c, path, op) => groupPredicate(op, c.expressionList(operand, path), path, "none"),
};

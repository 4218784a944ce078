import type { TestOperator } from "../_internal.ts";
import { equalityMatch } from "./_equality.ts";

/**
 * `%eq` / `$eq`: the same test as a bare `{key: value}` — MongoDB equality, an array
 * value "contains" the operand, no type coercion.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#comparison-operators
 */
export const eq: TestOperator = {
  kind: "test",
  name: "eq",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: () => undefined,
  test: equalityMatch,
};

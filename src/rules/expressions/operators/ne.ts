import type { TestOperator } from "../_internal.ts";
import { equalityMatch } from "./_equality.ts";

/**
 * `%ne` / `$ne` (and the 2020 docs' spelling `%neq`): the negation of `%eq`, so a
 * missing value is "not equal" to anything.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#comparison-operators
 */
export const ne: TestOperator = {
  kind: "test",
  name: "ne",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: () => undefined,
  test: (left, right) => !equalityMatch(left, right),
};

export const neq: TestOperator = { ...ne, name: "neq", prefixes: "%" };

import type { TestOperator } from "../_internal.ts";
import { orderedMatch } from "./_order.ts";

/**
 * `%gte` / `$gte`: the key's value is greater than or equal to the operand, within one type
 * bracket (numbers with numbers, strings with strings, dates with dates…). A missing
 * value never matches.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#comparison-operators
 */
const accept = (order: number): boolean => order >= 0;

export const gte: TestOperator = {
  kind: "test",
  name: "gte",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: () => undefined,
  test: (left, right) => orderedMatch(left, right, accept),
};

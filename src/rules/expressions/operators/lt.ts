import type { TestOperator } from "../_internal.ts";
import { orderedMatch } from "./_order.ts";

/**
 * `%lt` / `$lt`: the key's value is less than the operand, within one type
 * bracket (numbers with numbers, strings with strings, dates with dates…). A missing
 * value never matches.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#comparison-operators
 */
const accept = (order: number): boolean => order < 0;

export const lt: TestOperator = {
  kind: "test",
  name: "lt",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: () => undefined,
  test: (left, right) => orderedMatch(left, right, accept),
};

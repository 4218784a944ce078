import type { TestOperator } from "../_internal.ts";
import { isIn } from "./in.ts";

/**
 * `%nin` / `$nin`: the key's value equals none of the operand array's items; a missing
 * value is in no list, so it passes. A missing or null list excludes nothing.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-nin
 */
export const nin: TestOperator = {
  kind: "test",
  name: "nin",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: (value) => (Array.isArray(value) ? undefined : "an array"),
  test: (left, right) => !isIn(left, right),
};

import type { TestOperator } from "../_internal.ts";
import { equalityMatch } from "./_equality.ts";

/**
 * `%in` / `$in`: the key's value equals one of the operand array's items (with the
 * equality of `{field: value}`, so an array value matches when any element is listed).
 * The array may come from an expansion: `{"%%user.id": {"$in": "%%values.admin_ids"}}`.
 * An expansion that resolves to missing or null is an empty list.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-in
 */
export const inOperator: TestOperator = {
  kind: "test",
  name: "in",
  prefixes: "%$",
  acceptsMissing: true,
  operandProblem: (value) => (Array.isArray(value) ? undefined : "an array"),
  test: (left, right) => isIn(left, right),
};

export function isIn(left: unknown, right: unknown): boolean {
  if (!Array.isArray(right)) return false;
  for (const item of right) if (equalityMatch(left, item)) return true;
  return false;
}

import { groupMatcher, groupPredicate, type KeyOperator, type ValueOperator } from "../_internal.ts";

/**
 * `%or` / `$or`. As a key, some listed expression holds:
 * `{"%or": [{"%%prevRoot": {"%exists": "%%true"}}, {"%%root.status": "new"}]}`. On a
 * key's value, some listed check holds for it (the mirror of value-position `%and`).
 * Stops at the first true item.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-or
 */
export const orKey: KeyOperator = {
  kind: "key",
  name: "or",
  prefixes: "%$",
  compile: (operand, c, path, op) => groupPredicate(op, c.expressionList(operand, path), path, "some"),
};

export const orValue: ValueOperator = {
  kind: "value",
  name: "or",
  prefixes: "%$",
  compile(operand, c, path, op) {
    const { matchers, paths } = c.matcherList(operand, path, op);
    return groupMatcher(op, matchers, paths, true);
  },
};

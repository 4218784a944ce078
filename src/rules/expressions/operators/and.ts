import { groupMatcher, groupPredicate, type KeyOperator, type ValueOperator } from "../_internal.ts";

/**
 * `%and` / `$and`. On a key's value, every listed check holds for that same value:
 * `{"%%args.someNumber": {"%and": [{"$gt": 0}, {"$lte": 42}]}}`. As a key, every listed
 * expression holds (MongoDB's `$and`). Stops at the first false item.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-and
 */
export const andValue: ValueOperator = {
  kind: "value",
  name: "and",
  prefixes: "%$",
  compile(operand, c, path, op) {
    const { matchers, paths } = c.matcherList(operand, path, op);
    return groupMatcher(op, matchers, paths, false);
  },
};

export const andKey: KeyOperator = {
  kind: "key",
  name: "and",
  prefixes: "%$",
  compile: (operand, c, path, op) => groupPredicate(op, c.expressionList(operand, path), path, "every"),
};

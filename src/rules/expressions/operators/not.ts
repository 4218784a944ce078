import { isPlainObject } from "../../../bson/types.ts";
import { not as negate, record, type ValueOperator } from "../_internal.ts";
import type { TraceEntry } from "../trace.ts";
import { formatValue } from "../format-value.ts";

/**
 * `$not` (value position): the operator object it holds does not match, e.g.
 * `{"status": {"$not": {"$in": ["done", "archived"]}}}` — so a missing value passes.
 * Not documented for App Services; accepted with MongoDB's meaning and only with the
 * `$` prefix (`%not` is an unknown operator).
 * https://www.mongodb.com/docs/manual/reference/operator/query/not/
 */
export const notOperator: ValueOperator = {
  kind: "value",
  name: "not",
  prefixes: "$",
  compile(operand, c, path, op) {
    const keys = isPlainObject(operand) ? Object.keys(operand) : [];
    if (keys.length === 0 || !keys.every((key) => /^[%$][^%]/.test(key))) {
      c.problem(path, `${op} needs an operator object such as {"$in": […]}, got ${formatValue(operand)}`);
    }
    const inner = c.matcher(operand, path);
    return (left, ctx, entry) => {
      if (entry === undefined) return negate(inner(left, ctx, undefined));
      entry.op = op;
      const child: TraceEntry = { path, key: entry.key, left, op: "==", result: false };
      entry.children = [child];
      return negate(record(child, () => inner(left, ctx, child)));
    };
  },
};

import { isPlainObject } from "../../../bson/types.ts";
import type { ProducerOperator } from "../_internal.ts";
import { ExpressionError } from "../errors.ts";
import { formatValue } from "../format-value.ts";

/**
 * `%function`: `{"%function": {"name": "<fn>", "arguments": [<values>]}}` is the value
 * the app function returns; arguments are expanded first. Typical use:
 * `{"%%true": {"%function": {"name": "isAuthorizedUser", "arguments": ["%%user.id"]}}}`.
 * Allowed as the whole value of a key or the whole operand of an operator, not nested
 * in arrays, documents or other arguments. The context's `callFunction` runs it; the
 * function's own errors propagate unchanged.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-function
 */
export const functionOperator: ProducerOperator = {
  kind: "producer",
  name: "function",
  prefixes: "%$",
  compile(operand, c, path, op) {
    const spec = isPlainObject(operand) ? operand : {};
    const name = spec.name;
    if (!isPlainObject(operand) || typeof name !== "string" || name === "") {
      c.problem(path, `${op} needs {"name": "<function name>", "arguments": […]}, got ${formatValue(operand)}`);
    }
    for (const key of Object.keys(spec)) {
      if (key !== "name" && key !== "arguments") c.problem(path, `${op} has no option "${key}"`);
    }
    if (spec.arguments !== undefined && !Array.isArray(spec.arguments)) c.problem(path, `${op} "arguments" must be an array`);
    const fnName = String(name);
    c.functionNames.add(fnName);
    const args = c.producer(Array.isArray(spec.arguments) ? spec.arguments : [], `${path}.${op}.arguments`, false);
    return {
      constant: false,
      source: { [op]: operand },
      get(ctx, entry) {
        if (!ctx.callFunction) throw new ExpressionError(path, `${op} "${fnName}" cannot run: no function runner is available here`);
        const values = args.get(ctx, undefined) as unknown[];
        const argv = args.constant ? values.slice() : values;
        if (entry) entry.call = { name: fnName, arguments: argv.slice() };
        const result = ctx.callFunction(fnName, argv);
        return isThenable(result) ? Promise.resolve(result) : result;
      },
    };
  },
};

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";
}

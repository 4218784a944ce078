import { isPlainObject } from "../../bson/types.ts";
import type { ExpressionContext } from "./context.ts";
import { ExpressionError, joinPath } from "./errors.ts";
import { formatValue } from "./format-value.ts";
import { isOperatorName, lookupValueOperator } from "./operators/index.ts";
import { parseExpansion, resolveExpansion } from "./paths.ts";

/**
 * Substitutes expansions inside a value — `"%%user.id"` strings and converter objects
 * such as `{"%stringToOid": "%%user.id"}` — leaving everything else (MongoDB operators
 * like `$in` included) as it is. Used for filter queries (`{"owner_id": "%%user.id"}`).
 * The input is never modified; unchanged subtrees are returned as they are. A
 * `%function` is called only if the function runner answers synchronously.
 */
export function expandValue(value: unknown, ctx: ExpressionContext, path = ""): unknown {
  if (typeof value === "string") {
    if (!value.startsWith("%%")) return value;
    const parsed = parseExpansion(value);
    if (typeof parsed === "string") throw new ExpressionError(path, parsed);
    return resolveExpansion(parsed, ctx);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = expandValue(value[i], ctx, `${path}[${i}]`);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (key.startsWith("%") && isOperatorName(key)) return operator(key, value, ctx, path);
    const item = expandValue(value[key], ctx, joinPath(path, key));
    if (item !== value[key]) (copy ??= { ...value })[key] = item;
  }
  return copy ?? value;
}

function operator(key: string, value: Record<string, unknown>, ctx: ExpressionContext, path: string): unknown {
  const op = lookupValueOperator(key);
  if (Object.keys(value).length !== 1 || (op?.kind !== "convert" && op?.kind !== "producer")) {
    throw new ExpressionError(path, op ? `${key} cannot be used in a value` : `unknown operator "${key}"`);
  }
  const operand = value[key];
  if (op.kind === "convert") {
    if (typeof operand !== "string") {
      throw new ExpressionError(path, `${key} needs a string literal or an expansion, got ${formatValue(operand)}`);
    }
    const input = expandValue(operand, ctx, path);
    if (input === undefined || input === null) return input;
    const requirement = op.inputProblem(input);
    if (requirement) throw new ExpressionError(path, `${key} needs ${requirement}, got ${formatValue(input)}`);
    return op.convert(input);
  }
  const spec = isPlainObject(operand) ? operand : {};
  if (typeof spec.name !== "string" || (spec.arguments !== undefined && !Array.isArray(spec.arguments))) {
    throw new ExpressionError(path, `${key} needs {"name": "<function name>", "arguments": […]}`);
  }
  if (!ctx.callFunction) throw new ExpressionError(path, `${key} "${spec.name}" cannot run: no function runner is available here`);
  const result = ctx.callFunction(spec.name, (expandValue(spec.arguments ?? [], ctx, path) as unknown[]).slice());
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
    Promise.resolve(result).catch(() => undefined);
    throw new ExpressionError(path, `${key} "${spec.name}" returned a promise; a value here must be computed synchronously`);
  }
  return result;
}

import { isPlainObject } from "../../bson/types.ts";
import type { MaybePromise, Predicate } from "./_internal.ts";
import { Compiler } from "./compile.ts";
import type { ExpressionContext } from "./context.ts";
import { ExpressionError } from "./errors.ts";
import { formatValue } from "./format-value.ts";
import type { ExpressionTrace } from "./trace.ts";

/**
 * Evaluation entry points. An expression object compiles once and the result is cached
 * against the object itself (a WeakMap), so configs must not be mutated in place after
 * being evaluated — replace the object instead. Without a trace nothing is recorded.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/
 */
interface Compiled {
  predicate: Predicate;
  functionNames: string[];
}

const cache = new WeakMap<object, Compiled | ExpressionError>();

function compiled(expr: object): Compiled {
  let entry = cache.get(expr);
  if (entry === undefined) {
    const compiler = new Compiler();
    const predicate = compiler.expression(expr, "");
    const [first] = compiler.problems;
    entry = first ? new ExpressionError(first.path, first.reason) : { predicate, functionNames: [...compiler.functionNames] };
    cache.set(expr, entry);
  }
  if (entry instanceof ExpressionError) throw entry;
  return entry;
}

function run(expr: unknown, ctx: ExpressionContext, trace: ExpressionTrace | undefined): MaybePromise<boolean> {
  if (typeof expr === "boolean") {
    trace?.entries.push({ path: "", op: "const", operand: expr, result: expr });
    return expr;
  }
  if (!isPlainObject(expr)) throw new ExpressionError("", `an expression is a boolean or an object, got ${formatValue(expr)}`);
  return compiled(expr).predicate(ctx, trace?.entries);
}

/** Evaluates an expression, awaiting `%function` results when the function runner returns promises. */
export async function evaluateExpression(expr: unknown, ctx: ExpressionContext, trace?: ExpressionTrace): Promise<boolean> {
  const result = await run(expr, ctx, trace);
  if (trace) trace.result = result;
  return result;
}

/**
 * Evaluates synchronously: the per-document fast path. Throws an ExpressionError if a
 * `%function` result turns out to be a promise (use `evaluateExpression` then).
 */
export function evaluateExpressionSync(expr: unknown, ctx: ExpressionContext, trace?: ExpressionTrace): boolean {
  const result = run(expr, ctx, trace);
  if (typeof result === "boolean") {
    if (trace) trace.result = result;
    return result;
  }
  result.catch(() => undefined);
  const names = isPlainObject(expr) ? compiled(expr).functionNames.map((name) => `"${name}"`).join(", ") : "";
  throw new ExpressionError(
    "",
    `this expression waits for an asynchronous %function result (${names}); evaluate it with evaluateExpression`,
  );
}

const functionUse = new WeakMap<object, boolean>();

/** Whether `%function` (or `$function`) appears anywhere, so callers know if the sync path can always be used. */
export function expressionUsesFunction(expr: unknown): boolean {
  if (expr === null || typeof expr !== "object") return false;
  let uses = functionUse.get(expr);
  if (uses === undefined) {
    uses = Array.isArray(expr)
      ? expr.some(expressionUsesFunction)
      : isPlainObject(expr) &&
        Object.keys(expr).some((key) => key === "%function" || key === "$function" || expressionUsesFunction(expr[key]));
    functionUse.set(expr, uses);
  }
  return uses;
}

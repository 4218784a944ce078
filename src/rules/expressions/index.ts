/**
 * App Services JSON expressions: a pure evaluator and validator.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/
 */
export type { ExpressionContext } from "./context.ts";
export { ExpressionError } from "./errors.ts";
export { evaluateExpression, evaluateExpressionSync, expressionUsesFunction } from "./evaluate.ts";
export { expandValue } from "./expand.ts";
export { validateExpression } from "./validate.ts";
export { ExpressionTrace, formatEntry, formatTrace, type TraceEntry } from "./trace.ts";
export { formatValue } from "./format-value.ts";
export { EXPANSIONS } from "./expansions/index.ts";
export { operatorSpellings } from "./operators/index.ts";

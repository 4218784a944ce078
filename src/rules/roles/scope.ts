import { isPlainObject } from "../../bson/types.ts";
import { expressionUsesFunction } from "../expressions/index.ts";

/**
 * What an expression's value can depend on, so results can be reused: an expression
 * that reads no document is evaluated once per request, one that reads the document
 * but not the field once per document.
 */
export interface ExpressionScope {
  /** Reads `%%root`/`%%prevRoot` (plain keys read `%%root` too) or the field. */
  document: boolean;
  /** Reads `%%this`/`%%prev`: differs per field. */
  field: boolean;
  /** Contains `%function`: may need to wait for an asynchronous function runner. */
  async: boolean;
}

const cache = new WeakMap<object, ExpressionScope>();

/**
 * Over-approximates on purpose: any key that is not an operator or an expansion counts
 * as a document field, even inside literal values, since a wrong "independent" would
 * reuse a result across documents.
 */
export function expressionScope(expr: unknown): ExpressionScope {
  if (expr === null || typeof expr !== "object") return { document: false, field: false, async: false };
  let scope = cache.get(expr);
  if (!scope) {
    scope = { document: false, field: false, async: expressionUsesFunction(expr) };
    visit(expr, scope);
    cache.set(expr, scope);
  }
  return scope;
}

function visit(value: unknown, scope: ExpressionScope): void {
  if (typeof value === "string") {
    noteExpansion(value, scope);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) visit(item, scope);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const inner = value[key];
    if (key === "%function" || key === "$function") {
      // `{name, arguments}`: only the arguments can read anything.
      visit(isPlainObject(inner) ? inner.arguments : inner, scope);
      continue;
    }
    if (key.startsWith("%%")) noteExpansion(key, scope);
    else if (!key.startsWith("%") && !key.startsWith("$")) scope.document = true;
    visit(inner, scope);
  }
}

function noteExpansion(text: string, scope: ExpressionScope): void {
  if (!text.startsWith("%%")) return;
  const name = text.slice(2).split(".", 1)[0];
  if (name === "root" || name === "prevRoot") scope.document = true;
  else if (name === "this" || name === "prev") {
    scope.document = true;
    scope.field = true;
  }
}

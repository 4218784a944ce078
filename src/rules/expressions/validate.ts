import { Compiler } from "./compile.ts";

/**
 * Every problem in an expression, as `<path>: <reason>` lines, e.g.
 * `apply_when.%%user.data.email: unknown operator "%exsts" (did you mean "%exists"?)`.
 * An empty list means the expression is valid. Used when rules are saved or imported;
 * evaluation refuses the same expressions with the first of these problems.
 */
export function validateExpression(expr: unknown, path = ""): string[] {
  const compiler = new Compiler();
  compiler.expression(expr, path);
  return compiler.problems.map(({ path: at, reason }) => (at ? `${at}: ${reason}` : reason));
}

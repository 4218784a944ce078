/**
 * A problem with an expression: found while compiling it (unknown operator or
 * expansion, malformed operand) or while evaluating it (an expansion resolved to the
 * wrong type, `%function` with no function runner). Never swallowed into `false`.
 * `path` is relative to the expression root, e.g. `%or[1].owner_id`; callers that know
 * where the expression lives (a role's `apply_when`) use `atPath` to prefix it.
 */
export class ExpressionError extends Error {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = "ExpressionError";
    this.path = path;
    this.reason = reason;
  }

  /** The same error, located under `prefix` (e.g. "roles[0].apply_when"). */
  atPath(prefix: string): ExpressionError {
    return new ExpressionError(joinPath(prefix, this.path), this.reason);
  }
}

export function joinPath(base: string, key: string): string {
  if (!base) return key;
  if (!key) return base;
  return key.startsWith("[") ? base + key : `${base}.${key}`;
}

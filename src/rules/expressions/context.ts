/**
 * What an expression can see. Each member backs one expansion (see expansions/):
 * `%%user`, `%%root`, `%%prevRoot`, `%%this`, `%%prev`, `%%partition`, `%%request`,
 * `%%values`, `%%environment` and `%%args`. An `undefined` member is "absent", so
 * `{"%%prevRoot": {"%exists": false}}` holds on insert.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#expansions
 */
export interface ExpressionContext {
  /** `{id, type, data, custom_data, identities}` of the calling user. */
  user?: Record<string, unknown>;
  /** The document after the operation. */
  root?: unknown;
  /** The document before the operation (absent on insert). */
  prevRoot?: unknown;
  /** The field value after the operation (field-level rules, schema `validate`). */
  this?: unknown;
  /** The field value before the operation. */
  prev?: unknown;
  /** The partition value a Sync client opens. */
  partition?: unknown;
  request?: Record<string, unknown>;
  /** App values by name (secrets already resolved). */
  values?: Record<string, unknown>;
  environment?: { tag: string; values: Record<string, unknown> };
  /** Service action arguments (third-party service rules). */
  args?: unknown;
  /** What a plain key such as `"owner_id"` reads: `%%root.owner_id` (MongoDB rules, the default) or `%%args.owner_id`. */
  defaultScope?: "root" | "args";
  /** Runs an app function for `%function`. May return a promise (then only `evaluateExpression` can use it). */
  callFunction?: (name: string, args: unknown[]) => unknown | Promise<unknown>;
}

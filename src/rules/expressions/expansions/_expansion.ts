import type { ExpressionContext } from "../context.ts";

/** One `%%name` expansion: where its value comes from and which sub-fields exist. */
export interface Expansion {
  /** Without the `%%`, e.g. "prevRoot". */
  name: string;
  /** Known first-level fields, when the shape is fixed (`%%user.id`); undefined allows any path. */
  fields?: readonly string[];
  /** A constant with no fields (`%%true`). */
  leaf?: boolean;
  resolve(ctx: ExpressionContext): unknown;
}

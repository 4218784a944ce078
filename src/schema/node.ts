import { type BsonType, isPlainObject } from "../bson/types.ts";
import type { JsonSchema, SchemaIssue, ValidateOptions } from "./types.ts";

/** State of one validation call, shared by every node it visits. */
export interface Run {
  issues: SchemaIssue[];
  root: unknown;
  prevRoot: unknown;
  evaluate: ValidateOptions["evaluateExpression"];
}

/**
 * A compiled schema node. `prev` is the value at the same path before the write; nodes
 * only receive it when `usesPrev` says some `validate` below them can read it.
 */
export interface CompiledNode {
  check(value: unknown, path: string, prev: unknown, run: Run): void;
  usesPrev: boolean;
  /** The node admits every value (e.g. `{}`), so parents need not call it. */
  acceptsAll: boolean;
}

/** The checks of one keyword family, run after the value's type is known. */
export interface KeywordGroup {
  check(value: unknown, type: BsonType, path: string, prev: unknown, run: Run): void;
  usesPrev: boolean;
}

export type CompileChild = (schema: JsonSchema) => CompiledNode;

export function report(run: Run, path: string, keyword: string, message: string): void {
  run.issues.push({ path, keyword, message });
}

export function prevProperty(prev: unknown, key: string): unknown {
  return isPlainObject(prev) ? prev[key] : undefined;
}

export function prevItem(prev: unknown, index: number): unknown {
  return Array.isArray(prev) ? prev[index] : undefined;
}

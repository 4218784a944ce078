import type { ExpressionContext } from "./context.ts";
import type { Compiler } from "./compile.ts";
import type { TraceEntry } from "./trace.ts";

/**
 * Shared shapes of the compiled form. An expression compiles once (cached per object)
 * into closures: a Predicate per expression or key, a Matcher per value side, a
 * Producer per operand. Only `%function` can make a result asynchronous; everything
 * else returns plain values, so the common case never touches a promise.
 */
export type MaybePromise<T> = T | Promise<T>;

/** An expression or one key of it. `trace` is where its entries go (undefined: no tracing). */
export type Predicate = (ctx: ExpressionContext, trace: TraceEntry[] | undefined) => MaybePromise<boolean>;

/** The value side of a key, applied to the key's expanded value. Fills `entry` when tracing. */
export type Matcher = (left: unknown, ctx: ExpressionContext, entry: TraceEntry | undefined) => MaybePromise<boolean>;

/**
 * An operand. `get` returns a native promise only for a `%function` result (or an
 * embedded expression that awaits one); callers check with `instanceof Promise`.
 */
export interface Producer {
  get(ctx: ExpressionContext, entry: TraceEntry | undefined): unknown;
  /** Known at compile time; then `value` holds it and `get` ignores the context. */
  constant: boolean;
  value?: unknown;
  /** As written; shown in traces and error messages. */
  source: unknown;
}

/** `%`, `$` or both: which prefixes spell an operator. */
export type Prefixes = "%$" | "%" | "$";

/** A comparison of the key's value with an operand: `%exists`, `%in`, `%eq`, `%gt`… */
export interface TestOperator {
  kind: "test";
  name: string;
  prefixes: Prefixes;
  /** What the operand must be ("an array"), or undefined when `value` is acceptable. */
  operandProblem(value: unknown): string | undefined;
  /** Whether a missing (or null) operand after expansion is acceptable at run time. */
  acceptsMissing: boolean;
  test(left: unknown, right: unknown): boolean;
}

/** A value converter: `%stringToOid`, `%oidToString`, `%stringToUuid`, `%uuidToString`. */
export interface ConvertOperator {
  kind: "convert";
  name: string;
  prefixes: Prefixes;
  /** What the input must be, or undefined when `value` converts (null/undefined pass through untouched). */
  inputProblem(value: unknown): string | undefined;
  convert(value: unknown): unknown;
}

/** An operator with its own structure, compiled by itself (`%and`, `%or`, `$not`, `%function`). */
export interface ValueOperator {
  kind: "value";
  name: string;
  prefixes: Prefixes;
  compile(operand: unknown, c: Compiler, path: string, op: string): Matcher;
}

export interface ProducerOperator {
  kind: "producer";
  name: string;
  prefixes: Prefixes;
  compile(operand: unknown, c: Compiler, path: string, op: string): Producer;
}

/** An operator in key position: `%or`, `%and`, `$nor`. */
export interface KeyOperator {
  kind: "key";
  name: string;
  prefixes: Prefixes;
  compile(operand: unknown, c: Compiler, path: string, op: string): Predicate;
}

export type ValuePositionOperator = TestOperator | ConvertOperator | ValueOperator | ProducerOperator;

export function isPromise(value: unknown): value is Promise<unknown> {
  return value instanceof Promise;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `step` for the pieces of a trace entry and records the outcome (result, or the
 * error before rethrowing it). Only used while tracing.
 */
export function record(entry: TraceEntry, step: () => MaybePromise<boolean>): MaybePromise<boolean> {
  let result: MaybePromise<boolean>;
  try {
    result = step();
  } catch (error) {
    entry.error = errorMessage(error);
    throw error;
  }
  if (typeof result === "boolean") {
    entry.result = result;
    return result;
  }
  return result.then(
    (ok) => (entry.result = ok),
    (error: unknown) => {
      entry.error = errorMessage(error);
      throw error;
    },
  );
}

/** True when every step holds, stopping at the first false; continues asynchronously if a step returns a promise. */
export function every(count: number, step: (i: number) => MaybePromise<boolean>, from = 0): MaybePromise<boolean> {
  for (let i = from; i < count; i++) {
    const result = step(i);
    if (result === false) return false;
    if (result !== true) return result.then((ok) => ok && every(count, step, i + 1));
  }
  return true;
}

/** True when some step holds, stopping at the first true one. */
export function some(count: number, step: (i: number) => MaybePromise<boolean>, from = 0): MaybePromise<boolean> {
  for (let i = from; i < count; i++) {
    const result = step(i);
    if (result === true) return true;
    if (result !== false) return result.then((ok) => ok || some(count, step, i + 1));
  }
  return false;
}

export function not(result: MaybePromise<boolean>): MaybePromise<boolean> {
  return typeof result === "boolean" ? !result : result.then((ok) => !ok);
}

/** Several value-side checks on the same key value (`%and`, `%or`, or "all" for sibling operators). */
export function groupMatcher(op: string, matchers: readonly Matcher[], paths: readonly string[], any: boolean): Matcher {
  const count = matchers.length;
  const combine = any ? some : every;
  return (left, ctx, entry) => {
    if (entry === undefined) return combine(count, (i) => matchers[i](left, ctx, undefined));
    entry.op = op;
    const children: TraceEntry[] = [];
    entry.children = children;
    return combine(count, (i) => {
      const child: TraceEntry = { path: paths[i], key: entry.key, left, op: "==", result: false };
      children.push(child);
      return record(child, () => matchers[i](left, ctx, child));
    });
  };
}

/** Several expressions combined in key position: every one, some one, or none (`$nor`). */
export function groupPredicate(op: string, predicates: readonly Predicate[], path: string, mode: "every" | "some" | "none"): Predicate {
  const count = predicates.length;
  const run = (ctx: ExpressionContext, trace: TraceEntry[] | undefined): MaybePromise<boolean> => {
    if (mode === "every") return every(count, (i) => predicates[i](ctx, trace));
    const any = some(count, (i) => predicates[i](ctx, trace));
    return mode === "some" ? any : not(any);
  };
  return (ctx, trace) => {
    if (trace === undefined) return run(ctx, undefined);
    const children: TraceEntry[] = [];
    const entry: TraceEntry = { path, op, result: false, children };
    trace.push(entry);
    return record(entry, () => run(ctx, children));
  };
}

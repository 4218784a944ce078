import { evalExpr } from "mingo/core";
import type { Iterator } from "mingo/lazy";
import type { Options } from "mingo/types";

import { bsonDocumentSize } from "../bson/size.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";

/**
 * Bounds on what one query or pipeline may do, so a request cannot stall the backend's
 * only thread or exhaust the tab's memory.
 *
 * Memory: MongoDB limits each blocking stage, `$range` and accumulators to 100 MB
 * (`internalQueryMaxRangeBytes` and friends) and every result document to 16 MB. Here
 * one budget of the same 100 MB covers everything a run creates: arrays, strings and
 * objects made by expressions (counted, as MongoDB counts values, at 16 bytes per
 * element and a byte per character), the documents stages emit, and the elements
 * `$map`/`$filter`/`$reduce` iterate over. Counting what is created rather than what is
 * alive over-counts, which is what makes it a bound on work as well.
 *
 * Time: work that creates nothing (comparisons against a huge literal list, scalar
 * loops) is bounded by the time spent inside the run, checked as operators are called:
 * past a second the run stops with MongoDB's MaxTimeMSExpired error.
 */
export const MEMORY_LIMIT_BYTES = 100 * 1024 * 1024;
export const TIME_LIMIT_MS = 1000;

/** MongoDB's BSONObjMaxInternalSize (16 MB + 16 KB), the bound its error message names. */
export const MAX_RESULT_BYTES = 16 * 1024 * 1024 + 16 * 1024;

/** Approximate size of one array element or field, as MongoDB's `Value` counts it. */
const VALUE_BYTES = 16;

/**
 * What one run has used. A run may be entered many times (a read tests documents page
 * by page, between reads from storage): time counts only between `enter` and `exit`.
 */
export class Budget {
  bytes = 0;
  spentMs = 0;
  enteredAt = -1;
  ticks = 0;

  enter(): void {
    if (this.enteredAt < 0) this.enteredAt = performance.now();
  }

  /** Leaves the run, refusing it when it has taken too long. */
  exit(): void {
    if (this.enteredAt < 0) return;
    this.spentMs += performance.now() - this.enteredAt;
    this.enteredAt = -1;
    if (this.spentMs > TIME_LIMIT_MS) throw timeExceeded();
  }
}

let active: Budget | undefined;

/** Calls `body` (synchronous, as mingo is) with its allocations and operator calls charged to `budget`. */
export function chargingTo<T, A>(budget: Budget, body: (arg: A) => T, arg: A): T {
  const previous = active;
  active = budget;
  try {
    return body(arg);
  } finally {
    active = previous;
  }
}

/** Enters `budget`, runs `body` charging it, and leaves. */
export function withBudget<T>(budget: Budget, body: () => T): T {
  budget.enter();
  try {
    return chargingTo(budget, body, undefined);
  } finally {
    budget.exit();
  }
}

/** Runs `body` against a fresh budget. */
export function withMemoryLimit<T>(body: () => T): T {
  return withBudget(new Budget(), body);
}

function timeExceeded(): AppServicesError {
  return new AppServicesError("MongoDBError", "operation exceeded time limit", {
    code: 50,
    codeName: "MaxTimeMSExpired",
    limitMs: TIME_LIMIT_MS,
  });
}

function checkTime(budget: Budget): void {
  const current = budget.enteredAt < 0 ? 0 : performance.now() - budget.enteredAt;
  if (budget.spentMs + current > TIME_LIMIT_MS) throw timeExceeded();
}

/** Called as operators run: every few calls, the time spent so far is checked. */
function tick(): void {
  if (active && (++active.ticks & 15) === 0) checkTime(active);
}

function charge(bytes: number, what: string): void {
  if (!active) return;
  active.bytes += bytes;
  if (active.bytes > MEMORY_LIMIT_BYTES) {
    throw new AppServicesError(
      "MongoDBError",
      `${what} used too much memory and cannot spill to disk. Memory limit: ${MEMORY_LIMIT_BYTES} bytes`,
      { code: 146, codeName: "ExceededMemoryLimit" },
    );
  }
  checkTime(active);
}

/** What a freshly built value adds: its own elements, characters or fields (the values inside were counted when made). */
function shallowSize(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) return value.length * VALUE_BYTES;
  if (isPlainObject(value)) {
    let size = 0;
    for (const key in value) {
      const field = value[key];
      size += VALUE_BYTES + (Array.isArray(field) ? field.length * VALUE_BYTES : 0);
    }
    return size;
  }
  return 0;
}

type ExpressionOp = (obj: unknown, expr: unknown, options: Options) => unknown;
type PipelineOp = (collection: Iterator, expr: unknown, options: Options) => Iterator;
type QueryOp = (selector: string, value: unknown, options: Options) => (doc: unknown) => boolean;

/** An expression operator whose calls count toward the time check. */
export function timedExpression(op: ExpressionOp): ExpressionOp {
  return (obj, expr, options) => {
    tick();
    return op(obj, expr, options);
  };
}

/** A query operator whose predicate calls count toward the time check. */
export function timedQuery(op: QueryOp): QueryOp {
  return (selector, value, options) => {
    const predicate = op(selector, value, options);
    return (doc) => {
      tick();
      return predicate(doc);
    };
  };
}

/** An expression operator whose result is charged to the budget. */
export function meteredExpression(name: string, op: ExpressionOp): ExpressionOp {
  return (obj, expr, options) => {
    const out = op(obj, expr, options);
    charge(shallowSize(out), name);
    return out;
  };
}

/**
 * `$map`, `$filter` and `$reduce` charge the array they iterate before iterating, so
 * nested loops over literal arrays (which no other operator built) are bounded too.
 */
export function meteredIteration(name: string, op: ExpressionOp): ExpressionOp {
  return (obj, expr, options) => {
    if (!isPlainObject(expr) || !("input" in expr)) return op(obj, expr, options);
    const input = evalExpr(obj, expr.input, options);
    charge(shallowSize(input), name);
    const out = op(obj, { ...expr, input: { $literal: input } }, options);
    charge(shallowSize(out), name);
    return out;
  };
}

/** A stage whose emitted documents are charged one by one as they are pulled. */
export function meteredStage(name: string, op: PipelineOp): PipelineOp {
  return (collection, expr, options) =>
    op(collection, expr, options).map((doc: unknown) => {
      charge(shallowSize(doc), name);
      return doc;
    });
}

/**
 * `$range` with MongoDB's own check, made before a single element is built:
 * "$range would use too much memory (N bytes) and cannot spill to disk".
 */
export function boundedRange(op: ExpressionOp): ExpressionOp {
  return (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length < 2 || expr.length > 3) return op(obj, expr, options);
    const [start, end, step = 1] = evalExpr(obj, expr, options) as unknown[];
    if (![start, end, step].every(Number.isInteger) || step === 0) return op(obj, expr, options);
    const length = Math.max(0, Math.ceil(((end as number) - (start as number)) / (step as number)));
    const needed = 24 + length * VALUE_BYTES;
    if (needed >= MEMORY_LIMIT_BYTES) {
      throw new AppServicesError(
        "MongoDBError",
        `$range would use too much memory (${needed} bytes) and cannot spill to disk. Memory limit: ${MEMORY_LIMIT_BYTES} bytes`,
        { code: 146, codeName: "ExceededMemoryLimit" },
      );
    }
    charge(needed, "$range");
    return op(obj, [start, end, step], options);
  };
}

/**
 * Refuses a result document over 16 MB with MongoDB's BSONObjectTooLarge error
 * ("BSONObj size: N (0x…) is invalid. Size must be between 0 and 16793600(16MB) First element: …").
 */
export function checkResultSize(doc: Document): void {
  const size = bsonDocumentSize(doc);
  if (size <= MAX_RESULT_BYTES) return;
  const hex = size.toString(16).toUpperCase();
  throw new AppServicesError(
    "MongoDBError",
    `BSONObj size: ${size} (0x${hex}) is invalid. Size must be between 0 and ${MAX_RESULT_BYTES}(16MB) First element: ${firstElement(doc)}`,
    { code: 10334, codeName: "BSONObjectTooLarge" },
  );
}

function firstElement(doc: Document): string {
  for (const key in doc) {
    const value = doc[key];
    if (value === undefined) continue;
    const shown =
      typeof value === "string"
        ? JSON.stringify(value)
        : value === null || typeof value !== "object"
          ? String(value)
          : (value as { _bsontype?: string })._bsontype === "ObjectId"
            ? `ObjectId('${String(value)}')`
            : Array.isArray(value)
              ? "[...]"
              : "{...}";
    return `${key}: ${shown}`;
  }
  return "EOO";
}

import { isPlainObject } from "../../bson/types.ts";
import {
  type Matcher,
  type Predicate,
  type Producer,
  type TestOperator,
  every,
  groupMatcher,
  groupPredicate,
  record,
} from "./_internal.ts";
import { ExpressionError, joinPath } from "./errors.ts";
import { formatValue } from "./format-value.ts";
import { eq } from "./operators/eq.ts";
import { isOperatorName, lookupKeyOperator, lookupValueOperator, operatorSpellings } from "./operators/index.ts";
import { getPath } from "./paths.ts";
import { compileExpansion, compileProducer, isEjsonWrapper } from "./produce.ts";
import { suggest } from "./suggest.ts";
import type { TraceEntry } from "./trace.ts";

/**
 * Turns an expression into closures once, so per-document evaluation only reads values
 * and compares them. The same walk validates: every problem is recorded with its path,
 * and evaluation refuses an expression that has any.
 *
 * Value sides are classified as follows: an object whose keys are all operators is a
 * set of checks; an object with an `%%…` key (or `$nor`) is an embedded expression,
 * whose boolean result is the value; any other object, array or scalar is a literal
 * value (with expansions inside substituted) compared by equality.
 */
export class Compiler {
  readonly problems: { path: string; reason: string }[] = [];
  readonly functionNames = new Set<string>();

  problem(path: string, reason: string): void {
    this.problems.push({ path, reason });
  }

  /** A whole expression: a boolean or an object whose keys are ANDed. */
  expression(expr: unknown, path: string): Predicate {
    if (typeof expr === "boolean") return constantPredicate(expr, path, undefined);
    if (!isPlainObject(expr)) {
      this.problem(path, `an expression is a boolean or an object, got ${formatValue(expr)}`);
      return FAIL_PREDICATE;
    }
    const keys = Object.keys(expr);
    if (keys.length === 0) return constantPredicate(true, path, expr);
    const predicates = keys.map((key) => this.key(key, expr[key], path));
    if (predicates.length === 1) return predicates[0];
    return (ctx, trace) => {
      for (let i = 0; i < predicates.length; i++) {
        const result = predicates[i](ctx, trace);
        if (result === false) return false;
        if (result !== true) return result.then((ok) => ok && every(predicates.length, (j) => predicates[j](ctx, trace), i + 1));
      }
      return true;
    };
  }

  /** The items of a key-position `%or`/`%and`/`$nor`; an item with several keys is traced as one "all" group. */
  expressionList(list: unknown, path: string): Predicate[] {
    if (!Array.isArray(list) || list.length === 0) {
      this.problem(path, `${lastKey(path)} needs a non-empty array of expressions, got ${formatValue(list)}`);
      return [];
    }
    return list.map((item, i) => {
      const itemPath = `${path}[${i}]`;
      const predicate = this.expression(item, itemPath);
      if (!isPlainObject(item) || Object.keys(item).length < 2) return predicate;
      return groupPredicate("all", [predicate], itemPath, "every");
    });
  }

  /** The items of a value-position `%and`/`%or`: each one is a value side for the same key value. */
  matcherList(list: unknown, path: string, op: string): { matchers: Matcher[]; paths: string[] } {
    const base = joinPath(path, op);
    if (!Array.isArray(list) || list.length === 0) {
      this.problem(path, `${op} needs a non-empty array, got ${formatValue(list)}`);
      return { matchers: [], paths: [] };
    }
    const paths = list.map((_, i) => `${base}[${i}]`);
    return { matchers: list.map((item, i) => this.matcher(item, paths[i])), paths };
  }

  /** One key with its value side. */
  key(key: string, value: unknown, base: string): Predicate {
    const path = joinPath(base, key);
    if (isOperatorName(key)) {
      const op = lookupKeyOperator(key);
      if (op) return op.compile(value, this, path, key);
      if (lookupValueOperator(key)) {
        const orTrue = key.endsWith("function") ? ` or {"%%true": {"${key}": …}}` : "";
        this.problem(base, `${key} applies to a value: write {"<field>": {"${key}": …}}${orTrue}`);
      }
      else this.problem(base, `unknown operator "${key}"${suggest(key, operatorSpellings())}`);
      return FAIL_PREDICATE;
    }
    const left = key.startsWith("%%") ? this.expansion(key, path) : this.field(key, path);
    return keyPredicate(key, path, left, this.matcher(value, path));
  }

  /** The value side of a key. */
  matcher(value: unknown, path: string): Matcher {
    if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length > 0 && !isEjsonWrapper(keys)) {
        if (keys.some((key) => key.startsWith("%%") || key === "$nor")) {
          return this.test(eq, "==", embedded(this.expression(value, path), value), path);
        }
        const operators = keys.filter(isOperatorName);
        if (operators.length === keys.length) return this.operators(value, keys, path);
        if (operators.length > 0) {
          const fields = keys.filter((k) => !isOperatorName(k)).join(", ");
          this.problem(path, `operators (${operators.join(", ")}) cannot be mixed with field names (${fields}) in one object`);
          return FAIL_MATCHER;
        }
      }
    }
    return this.test(eq, "==", this.producer(value, path, true), path);
  }

  private operators(object: Record<string, unknown>, keys: string[], path: string): Matcher {
    const parts: Matcher[] = [];
    for (const key of keys) {
      const op = lookupValueOperator(key);
      if (!op) {
        if (lookupKeyOperator(key)) this.problem(path, `${key} is a key of the expression, not a check on a value`);
        else this.problem(path, `unknown operator "${key}"${suggest(key, operatorSpellings())}`);
        continue;
      }
      if (op.kind === "test") parts.push(this.test(op, key, this.producer(object[key], path, true), path));
      else if (op.kind === "value") parts.push(op.compile(object[key], this, path, key));
      else if (keys.length > 1) this.problem(path, `${key} must be the only key of its object`);
      else return this.test(eq, "==", this.producer(object, path, true), path);
    }
    if (parts.length === 1) return parts[0];
    return groupMatcher("all", parts, keys.map(() => path), false);
  }

  /** A comparison of the key value with an operand. */
  test(op: TestOperator, spelling: string, operand: Producer, path: string): Matcher {
    const test = op.test;
    if (operand.constant) {
      const right = operand.value;
      const requirement = op.operandProblem(right);
      if (requirement) this.problem(path, `${spelling} needs ${requirement} or an expansion, got ${formatValue(right)}`);
      return (left, _ctx, entry) => {
        if (entry !== undefined) {
          entry.op = spelling;
          entry.operand = right;
        }
        return test(left, right);
      };
    }
    const source = operand.source;
    const run = (left: unknown, right: unknown, entry: TraceEntry | undefined): boolean => {
      if (entry !== undefined) {
        entry.op = spelling;
        entry.operand = right;
        entry.source = source;
      }
      const missing = right === undefined || right === null;
      const requirement = missing && op.acceptsMissing ? undefined : op.operandProblem(right);
      if (requirement) {
        throw new ExpressionError(path, `${spelling} needs ${requirement}, but ${describeSource(source)} is ${formatValue(right)}`);
      }
      return test(left, right);
    };
    return (left, ctx, entry) => {
      const right = operand.get(ctx, entry);
      if (right instanceof Promise) return right.then((value) => run(left, value, entry));
      return run(left, right, entry);
    };
  }

  /** An operand or literal value, with expansions and converters substituted (see produce.ts). */
  producer(value: unknown, path: string, allowFunction: boolean): Producer {
    return compileProducer(this, value, path, allowFunction);
  }

  /** `%%name.path` as a value. */
  expansion(text: string, path: string): Producer {
    return compileExpansion(this, text, path);
  }

  /** A plain key: a path in the default scope (`%%root`, or `%%args` for service rules). */
  private field(key: string, path: string): Producer {
    const segments = key.split(".");
    if (segments.some((segment) => segment === "")) this.problem(path, `malformed field path "${key}"`);
    return {
      constant: false,
      source: key,
      get: (ctx) => getPath(ctx.defaultScope === "args" ? ctx.args : ctx.root, segments, 0),
    };
  }
}

function keyPredicate(key: string, path: string, left: Producer, matcher: Matcher): Predicate {
  const get = left.get;
  return (ctx, trace) => {
    const value = get(ctx, undefined);
    if (trace === undefined) return matcher(value, ctx, undefined);
    const entry: TraceEntry = { path, key, left: value, op: "==", result: false };
    trace.push(entry);
    return record(entry, () => matcher(value, ctx, entry));
  };
}

function constantPredicate(value: boolean, path: string, source: unknown): Predicate {
  return (_ctx, trace) => {
    if (trace !== undefined) trace.push({ path, op: "const", operand: value, source, result: value });
    return value;
  };
}

/** An embedded expression used as a value: its boolean result (traced as the entry's children). */
function embedded(predicate: Predicate, source: unknown): Producer {
  return {
    constant: false,
    source,
    get: (ctx, entry) => predicate(ctx, entry === undefined ? undefined : (entry.children ??= [])),
  };
}

function lastKey(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot === -1 ? path : path.slice(dot + 1);
}

function describeSource(source: unknown): string {
  if (typeof source === "string") return source;
  if (isPlainObject(source)) {
    const [key] = Object.keys(source);
    const inner = source[key];
    if (isPlainObject(inner) && typeof inner.name === "string") return `${key} "${inner.name}"`;
    return typeof inner === "string" ? `${key}(${inner})` : key;
  }
  return formatValue(source);
}

const FAIL_PREDICATE: Predicate = () => false;
const FAIL_MATCHER: Matcher = () => false;

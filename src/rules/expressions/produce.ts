import { fromEJSON } from "../../bson/ejson.ts";
import { isPlainObject } from "../../bson/types.ts";
import type { ConvertOperator, Producer } from "./_internal.ts";
import type { Compiler } from "./compile.ts";
import { ExpressionError, joinPath } from "./errors.ts";
import { formatValue } from "./format-value.ts";
import { isOperatorName, lookupKeyOperator, lookupValueOperator, operatorSpellings } from "./operators/index.ts";
import { getPath, parseExpansion } from "./paths.ts";
import { suggest } from "./suggest.ts";

/**
 * Operands and literal values. A string `%%…` reads an expansion; a one-key object
 * with a converter (`%stringToOid`…) or `%function` computes a value; arrays and
 * documents are literals whose expansions are substituted; anything else is constant.
 * Literal parts are folded at compile time, so `{"%in": ["a", "b"]}` costs nothing
 * per evaluation. `%function` is only allowed where `allowFunction` says so.
 */
export function compileProducer(c: Compiler, value: unknown, path: string, allowFunction: boolean): Producer {
  if (typeof value === "string") return value.startsWith("%%") ? compileExpansion(c, value, path) : constant(value);
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileProducer(c, item, `${path}[${i}]`, false));
    if (items.every((item) => item.constant)) {
      return constant(items.some((item, i) => item.value !== value[i]) ? items.map((item) => item.value) : value);
    }
    return { constant: false, source: value, get: (ctx) => items.map((item) => item.get(ctx, undefined)) };
  }
  if (!isPlainObject(value)) return constant(value);
  const keys = Object.keys(value);
  if (isEjsonWrapper(keys)) return ejson(c, value, path);
  if (keys.length === 1 && isOperatorName(keys[0])) {
    const op = lookupValueOperator(keys[0]);
    if (op?.kind === "convert") return convert(c, op, keys[0], value[keys[0]], path, value);
    if (op?.kind === "producer") {
      if (allowFunction) return op.compile(value[keys[0]], c, path, keys[0]);
      c.problem(path, `${keys[0]} must be the whole value of a key or operator, not nested in an array, a document or another call`);
      return FAILED_PRODUCER;
    }
  }
  for (const key of keys) {
    if (key.startsWith("%") || key.startsWith("$")) {
      const known = lookupValueOperator(key) || lookupKeyOperator(key) || !isOperatorName(key);
      const reason = known ? `"${key}" is not allowed inside a literal value` : `unknown operator "${key}"${suggest(key, operatorSpellings())}`;
      c.problem(path, reason);
      return FAILED_PRODUCER;
    }
  }
  const fields = keys.map((key) => compileProducer(c, value[key], joinPath(path, key), false));
  if (fields.every((field) => field.constant)) {
    if (fields.every((field, i) => field.value === value[keys[i]])) return constant(value);
    return constant(Object.fromEntries(keys.map((key, i) => [key, fields[i].value])));
  }
  return {
    constant: false,
    source: value,
    get(ctx) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]] = fields[i].get(ctx, undefined);
      return out;
    },
  };
}

/** `%%name.path`: resolved per evaluation through the path split once at compile time. */
export function compileExpansion(c: Compiler, text: string, path: string): Producer {
  const parsed = parseExpansion(text);
  if (typeof parsed === "string") {
    c.problem(path, parsed);
    return FAILED_PRODUCER;
  }
  const resolve = parsed.expansion.resolve;
  const segments = parsed.segments;
  return {
    constant: false,
    source: text,
    get: segments.length === 0 ? (ctx) => resolve(ctx) : (ctx) => getPath(resolve(ctx), segments, 0),
  };
}

/** A converter of a literal (converted now) or of an expansion (converted per evaluation, type-checked). */
function convert(c: Compiler, op: ConvertOperator, spelling: string, operand: unknown, path: string, source: unknown): Producer {
  if (typeof operand !== "string") {
    c.problem(path, `${spelling} needs a string literal or an expansion, got ${formatValue(operand)}`);
    return FAILED_PRODUCER;
  }
  if (!operand.startsWith("%%")) {
    const requirement = op.inputProblem(operand);
    if (requirement) {
      c.problem(path, `${spelling} needs ${requirement}, got ${formatValue(operand)}`);
      return FAILED_PRODUCER;
    }
    return constant(op.convert(operand));
  }
  const input = compileExpansion(c, operand, path);
  return {
    constant: false,
    source,
    get(ctx) {
      const value = input.get(ctx, undefined);
      if (value === undefined || value === null) return value;
      const requirement = op.inputProblem(value);
      if (requirement) throw new ExpressionError(path, `${spelling} needs ${requirement}, but ${operand} is ${formatValue(value)}`);
      return op.convert(value);
    },
  };
}

/** Extended JSON type wrappers (`{"$oid": "…"}`, `{"$date": …}`) in configs read as plain JSON are literal values. */
const EJSON_KEYS = new Set([
  "$oid",
  "$date",
  "$numberInt",
  "$numberLong",
  "$numberDouble",
  "$numberDecimal",
  "$binary",
  "$uuid",
  "$timestamp",
  "$regularExpression",
  "$minKey",
  "$maxKey",
]);

export function isEjsonWrapper(keys: string[]): boolean {
  return keys.length === 1 && EJSON_KEYS.has(keys[0]);
}

function ejson(c: Compiler, value: Record<string, unknown>, path: string): Producer {
  try {
    return constant(fromEJSON(value));
  } catch (error) {
    c.problem(path, `invalid Extended JSON value ${formatValue(value)}: ${(error as Error).message}`);
    return FAILED_PRODUCER;
  }
}

function constant(value: unknown): Producer {
  return { constant: true, value, source: undefined, get: () => value };
}

const FAILED_PRODUCER: Producer = { constant: false, source: undefined, get: () => undefined };

import { evalExpr } from "mingo/core";
import { $all as mingoAll, $in as mingoIn, $nin as mingoNin, $regex as mingoRegex } from "mingo/operators/query";
import type { Options } from "mingo/types";

import { BSONRegExp, isPlainObject } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { invalidRegexOption, LinearRegExp, RegexSyntaxError } from "../core/linear-regexp.ts";

/**
 * MongoDB's regular expressions on the linear-time engine: in filters (the filter view
 * turns `$regex`, regex values and regexes inside `$in`/`$nin`/`$all` into the `$linear…`
 * operators below) and in the `$regexMatch`, `$regexFind` and `$regexFindAll` expressions, which
 * replace mingo's (those compile native RegExps).
 */

/**
 * A regex in a filter, boxed: mingo deep-copies every filter it compiles and copies a
 * RegExp with `new RegExp(r)`, which yields a native (backtracking) one. Copies keep
 * class instances as they are, so the box carries the linear regex through.
 */
export class RegexOperand {
  constructor(readonly regex: LinearRegExp) {}
}

/** The MongoDB error for a pattern or option the engine cannot run. */
export function regexError(error: RegexSyntaxError): AppServicesError {
  if (error.reason.startsWith("invalid flag in regex options")) {
    return new AppServicesError("MongoDBError", error.reason, { code: 51108, codeName: "Location51108" });
  }
  return new AppServicesError("MongoDBError", `Regular expression is invalid: ${error.reason}`, { code: 51091, codeName: "Location51091" });
}

/** The pattern and options of a regex operand: a string pattern, a BSON, native or linear regex. */
function patternOf(regex: unknown): [pattern: string, options: string] | undefined {
  if (typeof regex === "string") return [regex, ""];
  if (regex instanceof RegexOperand) return [regex.regex.source, regex.regex.flags];
  if (regex instanceof LinearRegExp) return [regex.source, regex.flags];
  if (regex instanceof BSONRegExp) return [regex.pattern, regex.options];
  // JavaScript flags MongoDB knows; `g`, `y`, `d`, `u`, `v` change nothing for a match.
  if (regex instanceof RegExp) return [regex.source, [...regex.flags].filter((f) => "ims".includes(f)).join("")];
  return undefined;
}

/** A regex operand (and extra options) as a linear regex, or undefined when it is not a pattern. */
export function toLinearRegExp(regex: unknown, options = ""): LinearRegExp | undefined {
  const found = patternOf(regex);
  if (!found) return undefined;
  if (regex instanceof LinearRegExp && options === "") return regex;
  return new LinearRegExp(found[0], found[1] + options);
}

/** Compiles now, so a bad pattern fails before any document is read. */
export function checkRegex(regex: LinearRegExp): void {
  try {
    regex.check();
  } catch (error) {
    throw error instanceof RegexSyntaxError ? regexError(error) : error;
  }
}

type Predicate = (doc: unknown) => boolean;

/** `{field: /re/}` and `{field: {$regex, $options}}`: mingo's own matching, on a linear regex. */
export function $linearRegex(selector: string, value: unknown, options: Options): Predicate {
  if (!(value instanceof RegexOperand)) throw new AppServicesError("MongoDBError", "$regex has to be a string", { code: 2, codeName: "BadValue" });
  checkRegex(value.regex);
  return mingoRegex(selector, value.regex, options) as Predicate;
}

/** Unboxes the regexes of an `$in`, `$nin` or `$all` list (checked now) for mingo's operator. */
function unboxed(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!(item instanceof RegexOperand)) return item;
    checkRegex(item.regex);
    return item.regex;
  });
}

export const $linearIn = (selector: string, value: unknown, options: Options): Predicate =>
  mingoIn(selector, unboxed(value) as unknown[], options) as Predicate;
export const $linearNin = (selector: string, value: unknown, options: Options): Predicate =>
  mingoNin(selector, unboxed(value) as unknown[], options) as Predicate;
export const $linearAll = (selector: string, value: unknown, options: Options): Predicate =>
  mingoAll(selector, unboxed(value) as unknown[], options) as Predicate;

/** The query operators the filter view (filter-view.ts) names. */
export const LINEAR_REGEX_OPERATORS = { $linearRegex, $linearIn, $linearNin, $linearAll };

type Search = { input: string; regex: LinearRegExp } | null;

/** Compiled patterns of string-valued `regex` operands, which are evaluated once per document. */
const PATTERNS = new Map<string, LinearRegExp>();
const PATTERN_CACHE_SIZE = 64;

function cachedRegExp(pattern: string, options: string): LinearRegExp {
  const key = `${options}/${pattern}`;
  let regex = PATTERNS.get(key);
  if (!regex) {
    if (PATTERNS.size >= PATTERN_CACHE_SIZE) PATTERNS.clear();
    regex = new LinearRegExp(pattern, options);
    PATTERNS.set(key, regex);
  }
  return regex;
}

/** The operands of a regex expression, checked as MongoDB checks them; null when input or regex is nullish. */
function searchOperands(operator: string, obj: unknown, expr: unknown, options: Options): Search {
  if (!isPlainObject(expr)) throw new AppServicesError("MongoDBError", `${operator} expects an object of named arguments but found: ${typeof expr}`);
  const { input, regex, options: flags } = evalExpr(obj, expr, options) as Record<string, unknown>;
  if (flags !== undefined && flags !== null && typeof flags !== "string") {
    throw new AppServicesError("MongoDBError", `${operator} needs 'options' to be of type string`, { code: 51106 });
  }
  if (regex instanceof RegExp && typeof flags === "string" && flags !== "" && regex.flags !== "") {
    throw new AppServicesError("MongoDBError", `${operator}: regex option(s) specified in both 'regex' and 'option' fields`, { code: 51075 });
  }
  if (input === undefined || input === null || regex === undefined || regex === null) return null;
  if (typeof input !== "string") throw new AppServicesError("MongoDBError", `${operator} needs 'input' to be of type string`, { code: 51104 });
  const extra = typeof flags === "string" ? flags : "";
  const bad = invalidRegexOption(extra);
  if (bad !== undefined) throw regexError(new RegexSyntaxError(`invalid flag in regex options: ${bad}`));
  const found = patternOf(regex);
  const compiled = found && cachedRegExp(found[0], found[1] + extra);
  if (!compiled) throw new AppServicesError("MongoDBError", `${operator} needs 'regex' to be of type string or regex`, { code: 51105 });
  checkRegex(compiled);
  return { input, regex: compiled };
}

interface FoundMatch {
  match: string;
  idx: number;
  captures: (string | null)[];
}

/** MongoDB counts `idx` in code points, JavaScript indexes in UTF-16 units. */
function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const low = (text.charCodeAt(i) & 0xfc00) === 0xdc00;
    const afterHigh = i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    if (!(low && afterHigh)) count++;
  }
  return count;
}

function found(match: RegExpExecArray | RegExpMatchArray, idx: number): FoundMatch {
  return { match: match[0], idx, captures: match.slice(1).map((c) => c ?? null) };
}

export function $regexMatch(obj: unknown, expr: unknown, options: Options): boolean {
  const search = searchOperands("$regexMatch", obj, expr, options);
  return search !== null && search.regex.test(search.input);
}

export function $regexFind(obj: unknown, expr: unknown, options: Options): FoundMatch | null {
  const search = searchOperands("$regexFind", obj, expr, options);
  const match = search && search.regex.exec(search.input);
  return match ? found(match, codePoints(search.input, 0, match.index)) : null;
}

export function $regexFindAll(obj: unknown, expr: unknown, options: Options): FoundMatch[] {
  const search = searchOperands("$regexFindAll", obj, expr, options);
  if (!search) return [];
  const out: FoundMatch[] = [];
  let idx = 0;
  let at = 0;
  for (const match of search.regex.check().matchAll(search.input)) {
    const index = match.index ?? 0;
    idx += codePoints(search.input, at, index);
    at = index;
    out.push(found(match, idx));
  }
  return out;
}

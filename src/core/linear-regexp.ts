import type { RE2JS } from "re2js";

/**
 * Regular expressions that run in time linear in their input (RE2 semantics, through
 * re2js), with MongoDB's options. A backtracking engine (native RegExp, PCRE) can take
 * exponential time on patterns such as `^(a+)+$`; in a backend that shares one thread
 * with every other request, one such match would stall them all.
 *
 * What RE2 cannot run in linear time (backreferences, lookahead, lookbehind with
 * captures, possessive quantifiers, atomic groups) is refused rather than run with a
 * bound: JavaScript cannot interrupt a native match that is already running, so the
 * only bounds available would be heuristics on the pattern, which are easy to get wrong.
 */

/**
 * re2js is a fifth of the backend's code, so the browser loads it on its own, in parallel
 * with opening the database (`loadRegexEngine`, awaited before any app opens). Node
 * (tests, scripts) loads it synchronously on first use.
 */
let engine: typeof RE2JS | undefined;
let loading: Promise<void> | undefined;

export function loadRegexEngine(): Promise<void> {
  if (engine) return Promise.resolve();
  return (loading ??= import("re2js").then(
    (module) => void (engine ??= module.RE2JS),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

function regexEngine(): typeof RE2JS {
  if (!engine) {
    const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const nodeModule = node?.getBuiltinModule?.("node:module") as typeof import("node:module") | undefined;
    if (!nodeModule) throw new RegexEngineLoading();
    engine = (nodeModule.createRequire(import.meta.url)("re2js") as typeof import("re2js")).RE2JS;
  }
  return engine;
}

/** MongoDB's regex options: `i`, `m`, `x`, `s`; `u` and `l` are accepted and change nothing. */
const OPTION_FLAGS: Record<string, (re2: typeof RE2JS) => number> = {
  i: (re2) => re2.CASE_INSENSITIVE,
  m: (re2) => re2.MULTILINE,
  s: (re2) => re2.DOTALL,
  x: () => 0,
  u: () => 0,
  l: () => 0,
};

/** Why a pattern cannot be compiled, in words for the MongoDB error "Regular expression is invalid: …". */
export class RegexSyntaxError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "RegexSyntaxError";
  }
}

/** A pattern met before the engine loaded (a way in that forgot `loadRegexEngine`); never remembered as the pattern's error. */
class RegexEngineLoading extends RegexSyntaxError {
  constructor() {
    super("the regular expression engine is still loading: try again");
  }
}

/** The first option letter MongoDB does not know, if any. */
export function invalidRegexOption(options: string): string | undefined {
  for (const option of options) if (!(option in OPTION_FLAGS)) return option;
  return undefined;
}

/** Compiles a pattern with MongoDB options; throws RegexSyntaxError when it cannot run in linear time. */
export function compileLinear(pattern: string, options = ""): RE2JS {
  const re2 = regexEngine();
  let flags = re2.LOOKBEHINDS;
  for (const option of options) flags |= OPTION_FLAGS[option]?.(re2) ?? 0;
  try {
    return re2.compile(preprocess(pattern, options.includes("x")), flags);
  } catch (error) {
    throw new RegexSyntaxError(explain(error instanceof Error ? error.message : String(error)));
  }
}

/** re2js reports "error parsing regexp: <what>: `<where>`"; name the unsupported features plainly. */
function explain(message: string): string {
  const detail = message.replace(/^error parsing regexp: /, "");
  const hint = "the sandbox matches regular expressions in linear time (RE2 syntax)";
  if (/invalid escape sequence: `\\[1-9]/.test(detail) || /`\\k[<{']/.test(detail)) return `backreferences are not supported: ${hint}: ${detail}`;
  if (/`\(\?[=!]/.test(detail)) return `lookahead assertions are not supported: ${hint}: ${detail}`;
  if (/`\(\?>/.test(detail) || /nested repetition operator: `[+*?}]\+/.test(detail)) {
    return `atomic groups and possessive quantifiers are not supported: ${hint}: ${detail}`;
  }
  return detail;
}

const isSpace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

/**
 * Rewrites what PCRE accepts and RE2 spells differently: `(?#…)` comments are dropped,
 * and with the `x` option whitespace and `#` comments outside character classes are too
 * (an escaped space stays a space). `\Q…\E` quotes are copied as they are.
 */
function preprocess(pattern: string, extended: boolean): string {
  if (!extended && !pattern.includes("(?#")) return pattern;
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return out + c;
      if (!inClass && next === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
      } else {
        out += extended && isSpace(next) ? `\\x${next.charCodeAt(0).toString(16).padStart(2, "0")}` : c + next;
        i++;
      }
      continue;
    }
    if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") {
        // A POSIX class such as [:alpha:] inside a bracket expression.
        const end = pattern.indexOf(":]", i + 2);
        const stop = end < 0 ? i + 1 : end + 2;
        out += pattern.slice(i, stop);
        i = stop - 1;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") out += pattern[++i]; // a leading ] is a literal
      continue;
    }
    if (c === "(" && pattern.startsWith("(?#", i)) {
      const end = pattern.indexOf(")", i);
      i = end < 0 ? pattern.length : end;
      continue;
    }
    if (extended && isSpace(c)) continue;
    if (extended && c === "#") {
      while (i + 1 < pattern.length && pattern[i + 1] !== "\n") i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** What LinearRegExp matches with: re2js, or a native RegExp for a plain literal. */
type Matcher = Pick<RE2JS, "test" | "exec" | "matchAll">;

/**
 * Literal text (escaped punctuation included) between optional `^` and `$` anchors.
 * Such a pattern cannot backtrack, and RE2, PCRE and JavaScript agree on what it
 * matches, so it runs on the native engine, several times faster than re2js. With the
 * `m` option anchors differ on `\r` line ends, and `x` changes the text: those go to re2js.
 */
const LITERAL = /^\^?(?:[^\\^$.|?*+()[\]{}]|\\[!-/:-@[-`{-~])*\$?$/;

function literalMatcher(pattern: string, options: string): Matcher | undefined {
  if (options.includes("x") || (options.includes("m") && /^\^|\$$/.test(pattern)) || !LITERAL.test(pattern)) return undefined;
  const native = new RegExp(pattern, options.includes("i") ? "i" : "");
  return {
    test: (input: string) => native.test(input),
    exec: (input: string) => native.exec(input),
    matchAll: (input: string) => input.matchAll(new RegExp(native.source, `${native.flags}g`)),
  } as Matcher;
}

/**
 * A RegExp whose matching runs on re2js. It is a real RegExp subclass because code
 * that handles query values (mingo's `$regex`, `$in`, `$all`, equality and hashing)
 * recognizes regular expressions with `instanceof RegExp` and then calls `exec`/`test`.
 * The native part holds a pattern that never matches, so anything that copies the
 * native internals (`new RegExp(r)`) fails closed instead of backtracking.
 *
 * The pattern is compiled on first use, so a stored document holding an invalid
 * pattern can still be read; callers that want the error early call `check()`.
 */
export class LinearRegExp extends RegExp {
  readonly #pattern: string;
  readonly #options: string;
  #compiled: Matcher | RegexSyntaxError | undefined;

  constructor(pattern: string, options = "") {
    super("(?!)");
    this.#pattern = pattern;
    this.#options = [...new Set(options)].sort().join("");
  }

  /** Throws the RegexSyntaxError of a pattern or option that cannot run. */
  check(): Matcher {
    if (this.#compiled === undefined) {
      const bad = invalidRegexOption(this.#options);
      try {
        if (bad !== undefined) throw new RegexSyntaxError(`invalid flag in regex options: ${bad}`);
        this.#compiled = literalMatcher(this.#pattern, this.#options) ?? compileLinear(this.#pattern, this.#options);
      } catch (error) {
        if (error instanceof RegexEngineLoading) throw error;
        this.#compiled = error instanceof RegexSyntaxError ? error : new RegexSyntaxError(String(error));
      }
    }
    if (this.#compiled instanceof RegexSyntaxError) throw this.#compiled;
    return this.#compiled;
  }

  override exec(input: string): RegExpExecArray | null {
    return this.check().exec(String(input)) as RegExpExecArray | null;
  }

  override test(input: string): boolean {
    return this.check().test(String(input));
  }

  override toString(): string {
    return `/${this.#pattern}/${this.#options}`;
  }

  /** The pattern and options as MongoDB holds them (a BSON regular expression). */
  override get source(): string {
    return this.#pattern;
  }

  override get flags(): string {
    return this.#options;
  }

  override get ignoreCase(): boolean {
    return this.#options.includes("i");
  }

  override get multiline(): boolean {
    return this.#options.includes("m");
  }

  override get dotAll(): boolean {
    return this.#options.includes("s");
  }

  override get global(): boolean {
    return false;
  }
}

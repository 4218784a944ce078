import { LinearRegExp } from "../core/linear-regexp.ts";

/**
 * Compiles a schema `pattern` (or `patternProperties` key). Documents from requests are
 * matched against it, so it runs on the linear-time engine whenever RE2 can run it; RE2
 * is also closer to MongoDB's PCRE than JavaScript is (`.` and `\s`). Patterns RE2
 * cannot run (backreferences, lookahead) come from the app's configuration, not from
 * requests, and run natively: JavaScript's unicode mode first, legacy mode for identity
 * escapes such as `\_` that PCRE allows.
 */
export function compilePattern(pattern: string): RegExp | SyntaxError {
  const linear = new LinearRegExp(pattern);
  try {
    linear.check();
    return linear;
  } catch {
    // Not RE2 syntax: try JavaScript's.
  }
  try {
    return new RegExp(pattern, "u");
  } catch {
    try {
      return new RegExp(pattern);
    } catch (error) {
      return error instanceof SyntaxError ? error : new SyntaxError(String(error));
    }
  }
}

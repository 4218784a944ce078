/**
 * Compiles a schema `pattern` (or `patternProperties` key). MongoDB uses PCRE; JavaScript's
 * unicode mode is closer to it for code points, but rejects identity escapes such as `\_`
 * that PCRE allows, so such patterns fall back to legacy mode.
 */
export function compilePattern(pattern: string): RegExp | SyntaxError {
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

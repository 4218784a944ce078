/**
 * Compiles a function source without running it, so a deploy can refuse code that does
 * not parse (as App Services did) instead of failing on the first call. Function code
 * runs in strict mode (each call in a Compartment of its own), so it is parsed as strict
 * code: `with`, octal literals or a variable named `package` are refused here already.
 */
export function checkFunctionSource(source: string): string[] {
  try {
    compile(source);
    return [];
  } catch (error) {
    if (!(error instanceof SyntaxError)) return [];
    const lines = source.trimEnd().split("\n").length;
    // V8 parses inside its own wrapper, so an unclosed "{" shows as an unexpected ")".
    if (["}", "}}", "}}}"].some((closing) => compiles(`${source}\n${closing}`))) {
      return [`syntax error at line ${lines}: unexpected end of input (a "{" is not closed)`];
    }
    const line = syntaxErrorLine(source, error.message);
    const hint = /strict mode/i.test(error.message) ? " (functions run in strict mode)" : "";
    return [`syntax error${line ? ` at line ${line}` : ""}: ${error.message}${hint}`];
  }
}

function compiles(source: string): boolean {
  try {
    compile(source);
    return true;
  } catch {
    return false;
  }
}

function compile(source: string): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled, never called
  new Function("exports", "module", `"use strict";${source}`);
}

/** V8 does not say where a syntax error is: it is the first prefix of lines failing with the same message. */
function syntaxErrorLine(source: string, message: string): number | undefined {
  const lines = source.trimEnd().split("\n");
  if (/end of input/i.test(message)) return lines.length;
  for (let k = 1; k <= lines.length; k++) {
    const prefix = lines.slice(0, k).join("\n");
    // A prefix cut inside an open "{" fails like a stray ")" (V8's wrapper closes it); the
    // real error's prefix still fails the same way once closers are added after it.
    if (failsWith(prefix, message) && !["}", "}}", "}}}", ")", "})", "]"].some((closing) => !failsWith(`${prefix}\n${closing}`, message))) return k;
  }
  return undefined;
}

function failsWith(source: string, message: string): boolean {
  try {
    compile(source);
    return false;
  } catch (error) {
    return (error as Error).message === message;
  }
}

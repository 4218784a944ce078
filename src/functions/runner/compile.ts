/* eslint-disable */
/**
 * Compiles a function source in a Compartment of its own: a fresh global object over
 * the frozen intrinsics, holding the call's globals and nothing else, so a call sees no
 * trace of any other. Function code runs in strict mode; undeclared assignments still
 * create globals, in the call's own global object.
 *
 * A Compartment reads an undeclared name as `undefined`, so a typo or `process.exit()`
 * would fail later with a vague TypeError. A guard below the global object turns such
 * a read into the usual ReferenceError, except for names the source tests with
 * `typeof`, which must keep reading as `undefined`.
 *
 * Failures are returned as `{ __failure, kind, message, line }` records.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function createCompiler(
  Compartment: any,
  FunctionCtor: FunctionConstructor,
  shared: Record<string, unknown>,
): {
  compile(name: string, source: string, globals: Record<string, unknown>): Function;
  prepare(): void;
  sourceUrl(name: string): string;
} {
  // As the compartment's own check reads it (not after a "."), plus import.meta.
  const IMPORT = /(^|[^.]|\.\.\.)\bimport(\s*(\(|\/[/*])|\s*\.\s*meta)/;
  const STRICT = '"use strict";';
  /** Sources that passed the syntax checks, with the names they test with typeof, so later calls skip both. */
  const checked = new Map<string, Set<string>>();
  const sourceUrl = (name: string) => `functions/${name}.js`;
  const failure = (kind: string, message: string, line?: number) => ({ __failure: true, kind, message, line });
  const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

  function check(source: string): void {
    const match = IMPORT.exec(source);
    const importAt = match ? match.index + match[1].length : -1;
    if (importAt >= 0) {
      throw failure("syntax", "import is not available in functions; write exports = function (...) { ... }", lineOf(source, importAt));
    }
    // Compartments only recognize HTML comment markers by text, wherever they are.
    const htmlAt = source.search(/<!--|-->/);
    if (htmlAt >= 0) {
      throw failure("syntax", 'function code cannot contain "<!--" or "-->", not even in strings or comments: split them, as in "<!" + "--"', lineOf(source, htmlAt));
    }
    try {
      new FunctionCtor(STRICT + source);
    } catch (error: any) {
      // V8 parses the source inside its own wrapper, so an unclosed "{" shows up as an
      // unexpected ")" after the source: report it as the end of input it is.
      const lines = source.trimEnd().split("\n").length;
      for (const closing of ["}", "}}", "}}}"]) {
        try {
          new FunctionCtor(`${STRICT}${source}\n${closing}`);
          throw failure("syntax", `Unexpected end of input (${closing.length} "{" not closed)`, lines);
        } catch (retry: any) {
          if (retry?.__failure) throw retry;
        }
      }
      let message = String(error?.message ?? error);
      if (/strict mode/i.test(message)) message += " (functions run in strict mode)";
      throw failure("syntax", message, syntaxErrorLine(source, String(error?.message ?? error), error));
    }
  }

  /**
   * V8 does not expose where a SyntaxError in compiled code is. The line is the first
   * prefix of the source that fails with the same message: shorter prefixes only fail
   * with "Unexpected end of input" (or another message) because they stop early.
   */
  function syntaxErrorLine(source: string, message: string, error: any): number | undefined {
    // Firefox reports it, counting the two header lines of the Function constructor.
    if (typeof error?.lineNumber === "number") return Math.max(1, error.lineNumber - 2);
    const lines = source.trimEnd().split("\n");
    if (/end of input|unexpected end/i.test(message)) return lines.length;
    for (let k = 1; k <= lines.length; k++) {
      const prefix = lines.slice(0, k).join("\n");
      if (failsWith(prefix, message) && !["}", "}}", "}}}", ")", "})", "]"].some((closing) => !failsWith(`${prefix}\n${closing}`, message))) return k;
    }
    return undefined;
  }

  /**
   * Whether a text fails to compile with this message. A prefix cut inside an open "{"
   * fails like a stray ")" (V8's wrapper closes it): the real error's prefix still fails
   * the same way once closers are added after it, a cut one does not.
   */
  function failsWith(text: string, message: string): boolean {
    try {
      new FunctionCtor(STRICT + text);
      return false;
    } catch (e: any) {
      return String(e?.message) === message;
    }
  }

  /** The names a source reads with `typeof` (a text scan: a name too many only keeps the Compartment's default). */
  const typeofNames = (source: string) => new Set(Array.from(source.matchAll(/\btypeof[\s(]*([A-Za-z_$][\w$]*)/g), (m) => m[1]));

  /**
   * The prototype of a call's global object, which every name the call's code does not
   * declare reaches. It claims them all, so that an assignment to an undeclared name
   * creates a global in the call's own global object, as in sloppy JavaScript. A scope
   * lookup asks `has` and then `get` for the same name, while a property read
   * (`globalThis.x`) only asks `get`: a `get` right after a `has` is a read of an
   * undeclared variable, a ReferenceError unless the source tests the name with `typeof`.
   */
  function undeclaredGuard(exempt: Set<string>): object {
    let asked: string | undefined;
    return new Proxy(
      {},
      {
        has(target, key) {
          if (Reflect.has(target, key) || typeof key !== "string") return Reflect.has(target, key);
          asked = key;
          return true;
        },
        get(target, key, receiver) {
          const lookup = asked === key;
          asked = undefined;
          if (lookup && !exempt.has(key)) throw new ReferenceError(`${key} is not defined`);
          return Reflect.get(target, key, receiver);
        },
      },
    );
  }

  /**
   * A Compartment holding the shared globals, bound as constants: a global that cannot
   * change is bound once when code is compiled, any other is looked up through the
   * compartment's scope proxy on every use, which is far slower in a hot loop. The
   * evaluator is made here too, so a call only adds its own globals and compiles.
   */
  function fresh(): any {
    const compartment = new Compartment({ __options__: true, globals: shared });
    const scope = compartment.globalThis;
    for (const key of Reflect.ownKeys(scope)) {
      const desc = Reflect.getOwnPropertyDescriptor(scope, key)!;
      if ("value" in desc && desc.configurable) Reflect.defineProperty(scope, key, { value: desc.value, writable: false, enumerable: false, configurable: false });
    }
    compartment.evaluate("undefined");
    return compartment;
  }

  /** Compartments are made ahead, while the runner waits, and each serves one call only. */
  let spare: any;

  function compile(name: string, source: string, globals: Record<string, unknown>): Function {
    const key = `${name}\u0000${source}`;
    let exempt = checked.get(key);
    if (!exempt) {
      check(source);
      if (checked.size > 200) checked.clear();
      exempt = typeofNames(source);
      checked.set(key, exempt);
    }
    const compartment = spare ?? fresh();
    spare = undefined;
    const scope = compartment.globalThis;
    for (const name of Object.keys(globals)) Reflect.defineProperty(scope, name, { value: globals[name], writable: true, enumerable: false, configurable: true });
    Reflect.setPrototypeOf(scope, undeclaredGuard(exempt));
    const text = `(function (exports, module) {${source}\n;return module.exports !== undefined ? module.exports : exports;\n})\n//# sourceURL=${sourceUrl(name)}`;
    return compartment.evaluate(text, { __rejectSomeDirectEvalExpressions__: false });
  }

  return {
    compile,
    prepare: () => void (spare ??= fresh()),
    sourceUrl,
  };
}

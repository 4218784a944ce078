/* eslint-disable */
/**
 * Strips a runner's global scope down to the JavaScript language, timers and a few
 * harmless encoders before any function code runs: no storage (indexedDB, caches,
 * OPFS through navigator), no network (fetch, XMLHttpRequest, WebSocket), no nested
 * workers or script loading, no Node `process`/`require`. What stays is an allowlist,
 * so globals a future runtime adds are removed too.
 *
 * Code generation from strings (eval, Function and its async/generator siblings) is
 * kept but refuses `import`, which would otherwise load modules past the allowlist.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function lockdownGlobals(extraKeep: string[]): void {
  const keep = new Set<PropertyKey>([
    // ECMAScript
    "globalThis", "Infinity", "NaN", "undefined", "eval", "isFinite", "isNaN", "parseFloat", "parseInt",
    "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape",
    "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Math", "JSON", "Date",
    "RegExp", "Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
    "URIError", "SuppressedError", "Promise", "Proxy", "Reflect", "Map", "Set", "WeakMap", "WeakSet", "WeakRef",
    "FinalizationRegistry", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "Int8Array", "Uint8Array",
    "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array",
    "Float64Array", "BigInt64Array", "BigUint64Array", "Intl", "Iterator", "DisposableStack", "AsyncDisposableStack",
    // Host basics without side channels
    "console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "structuredClone",
    "atob", "btoa", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "crypto", "AbortController", "AbortSignal",
    ...extraKeep,
  ]);

  const IMPORT = /\bimport\s*(\(|\.\s*meta|\/[*/])/;
  const guard = (source: unknown) => {
    if (IMPORT.test(String(source))) throw new SyntaxError("import is not available in functions");
  };
  const indirectEval = globalThis.eval;
  const safeEval = function (source: unknown) {
    if (typeof source === "string") guard(source);
    return indirectEval(source as string);
  };
  const wrapConstructor = (original: any) => {
    const wrapped = function (...args: unknown[]) {
      for (const arg of args) guard(arg);
      return original(...args);
    };
    wrapped.prototype = original.prototype;
    try {
      Object.defineProperty(original.prototype, "constructor", { value: wrapped, writable: true, configurable: true });
    } catch {}
    return wrapped;
  };
  const FunctionCtor = wrapConstructor(Function);
  wrapConstructor(Object.getPrototypeOf(async function () {}).constructor);
  wrapConstructor(Object.getPrototypeOf(function* () {}).constructor);
  wrapConstructor(Object.getPrototypeOf(async function* () {}).constructor);

  // The global object and the interface prototypes above it (WorkerGlobalScope…),
  // but not EventTarget/Object prototypes, which every other object shares.
  const chain: object[] = [];
  for (let o: object | null = globalThis; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (typeof EventTarget === "function" && o === EventTarget.prototype) break;
    chain.push(o);
  }
  for (const target of chain) {
    for (const key of Reflect.ownKeys(target)) {
      if (keep.has(key) || key === "constructor" || typeof key === "symbol") continue;
      try {
        if (!delete (target as any)[key]) Object.defineProperty(target, key, { value: undefined });
      } catch {}
    }
  }
  (globalThis as any).eval = safeEval;
  (globalThis as any).Function = FunctionCtor;
}

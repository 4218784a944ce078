/* eslint-disable */
/**
 * Hardening of a runner, in the order it happens at start-up:
 *
 * 1. `removeHostGlobals` strips the worker's own global scope down to the language and a
 *    few harmless host basics: no storage (indexedDB, caches, OPFS through navigator), no
 *    network (fetch, XMLHttpRequest, WebSocket), no nested workers or script loading, no
 *    Node `process`/`require`. What stays is an allowlist, so globals a future runtime
 *    adds go too. Function code never sees this scope (it runs in Compartments), so this
 *    is a second wall, not the first.
 * 2. `lockdown()` (from the `ses` package, with LOCKDOWN_OPTIONS) freezes every
 *    intrinsic, so no call can change a built-in another call uses.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function removeHostGlobals(extraKeep: string[]): void {
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
    // Host basics without side channels (structuredClone stays for lockdown's ArrayBuffer.prototype.transfer shim)
    "console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "structuredClone",
    "atob", "btoa", "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "crypto",
    ...extraKeep,
  ]);

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
        if (!Reflect.deleteProperty(target, key)) Object.defineProperty(target, key, { value: undefined });
      } catch {}
    }
  }
}

/**
 * Why each `lockdown()` option is set as it is:
 * - errorTaming "safe": V8's `Error.prepareStackTrace` and `captureStackTrace` hand out
 *   call sites whose `getFunction()` is the runner's own code; tamed, function code gets
 *   neither, and `error.stack` is empty in compartments. The runner reads stacks with
 *   `getStackString`, which only the start compartment has.
 * - overrideTaming "severe": with frozen prototypes, `obj.toString = …`,
 *   `Object.assign(target, { constructor })` and other assignments of names a prototype
 *   has would fail (the "override mistake"); severe lets every Object.prototype name be
 *   assigned on an object, as plain JavaScript does.
 * - localeTaming "unsafe": keeps `toLocaleString`, `localeCompare` and friends working
 *   with the host's locale data, as App Services did.
 * - consoleTaming "unsafe", errorTrapping/unhandledRejectionTrapping "none": function
 *   code has its own console, and the runner reports uncaught errors itself.
 * - reporting "none": lockdown's notes about removed non-standard intrinsics are noise.
 */
export const LOCKDOWN_OPTIONS = {
  errorTaming: "safe",
  overrideTaming: "severe",
  stackFiltering: "concise",
  localeTaming: "unsafe",
  consoleTaming: "unsafe",
  errorTrapping: "none",
  unhandledRejectionTrapping: "none",
  reporting: "none",
  evalTaming: "safe-eval",
} as const;

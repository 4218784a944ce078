/* eslint-disable */
/**
 * What function code gets besides `context`, `console` and the language, prepared once
 * per runner and shared by every call, so all of it is hardened (frozen through and
 * through) before the first call.
 *
 * Sent to runners as source text, so these stay self-contained.
 */

/**
 * Readies the bson library to be shared by calls, before it is hardened:
 * - App Services' spelling of the Binary helpers;
 * - ObjectId's mutable statics (its counter, process bytes and hex cache switch) become
 *   accessors over state that `startCall` renews, since a frozen class cannot hold them;
 * - Long's cache of small values is filled and frozen, so no call can change a cached
 *   Long another call gets;
 * - `setInternalBufferSize`, which would keep a buffer of any size across calls, goes.
 */
export function prepareBson(BSON: any): { startCall(): void } {
  const { Binary, ObjectId, Long } = BSON;
  const define = (target: any, name: string, value: Function) => {
    if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
  };
  define(Binary.prototype, "toHex", function (this: any) {
    return this.toString("hex");
  });
  define(Binary.prototype, "toBase64", function (this: any) {
    return this.toString("base64");
  });
  define(Binary.prototype, "text", function (this: any) {
    return this.toString("utf8");
  });
  define(Binary, "fromHex", (hex: string, subtype = 0) => Binary.createFromHexString(hex, subtype));
  define(Binary, "fromBase64", (base64: string, subtype = 0) => Binary.createFromBase64(base64, subtype));
  define(Binary, "fromText", (text: string) => new Binary(new TextEncoder().encode(text), 0));

  const processBytes = crypto.getRandomValues(new Uint8Array(5));
  const state: { index: number; processUnique: Uint8Array | null; cacheHexString: unknown } = { index: 0, processUnique: null, cacheHexString: undefined };
  for (const key of ["index", "PROCESS_UNIQUE", "cacheHexString"] as const) {
    const field = key === "PROCESS_UNIQUE" ? "processUnique" : key;
    Object.defineProperty(ObjectId, key, {
      get: () => state[field],
      set: (value: any) => void ((state as any)[field] = value),
      enumerable: true,
      configurable: false,
    });
  }

  for (let n = -128; n < 128; n++) Object.freeze(Long.fromInt(n));
  for (let n = 0; n < 256; n++) Object.freeze(Long.fromInt(n, true));
  delete BSON.setInternalBufferSize;

  return {
    startCall() {
      state.index = Math.floor(Math.random() * 0xffffff);
      state.processUnique = new Uint8Array(processBytes);
      state.cacheHexString = undefined;
    },
  };
}

/**
 * The globals every call shares, made after `lockdown()`: a `Date` that follows the
 * app's clock, a `Math` with `random` (a compartment's own has none), the float arrays
 * (which Compartments leave out), and the harmless host basics. Host objects are
 * hardened: an unfrozen prototype would carry state from one call to the next.
 */
export function makeSharedGlobals(harden: <T>(value: T) => T): { globals: Record<string, unknown>; setNow(now: number): void } {
  const g = globalThis as any;
  const RealDate = g.Date;
  let clockOffset = 0;
  const SandboxDate = function (this: unknown, ...args: unknown[]) {
    const now = RealDate.now() + clockOffset;
    if (!new.target) return new RealDate(now).toString();
    return args.length === 0 ? Reflect.construct(RealDate, [now], new.target) : Reflect.construct(RealDate, args, new.target);
  };
  Object.defineProperties(SandboxDate, {
    name: { value: "Date" },
    length: { value: 7 },
    prototype: { value: RealDate.prototype, writable: false },
    now: { value: () => RealDate.now() + clockOffset, writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });

  const SandboxMath = Object.create(Object.prototype, Object.getOwnPropertyDescriptors(g.Math));

  const hostCrypto = g.crypto;
  const sandboxCrypto = {
    getRandomValues: (view: ArrayBufferView) => hostCrypto.getRandomValues(view),
    randomUUID: () => hostCrypto.randomUUID(),
  };

  const globals: Record<string, unknown> = { Date: SandboxDate, Math: SandboxMath, crypto: sandboxCrypto };
  for (const name of ["Float16Array", "Float32Array", "Float64Array", "Intl", "URL", "URLSearchParams", "atob", "btoa"]) {
    if (g[name] !== undefined) globals[name] = g[name];
  }
  harden(globals);
  return { globals, setNow: (now: number) => void (clockOffset = now - RealDate.now()) };
}

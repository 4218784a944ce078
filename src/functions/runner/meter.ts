/* eslint-disable */
/**
 * Buffers live outside the JavaScript heap, so a worker's heap limit does not bound
 * them. Before anything else runs in a runner, this replaces the constructors and the
 * copying methods that allocate buffer memory with ones that count it:
 *
 * - `ArrayBuffer` and every typed-array constructor become counting wrappers that are
 *   also what `prototype.constructor` points to, so `.constructor`, subclasses and
 *   `TypedArray.from` lead to them too. `lockdown()` later takes them as the
 *   intrinsics and freezes them.
 * - The methods that copy into a buffer of the engine's own making (typed-array
 *   `slice`/`map`/`filter`/`toReversed`/`toSorted`/`with`, `ArrayBuffer` `slice`/
 *   `transfer`, `TextEncoder.encode`, `Uint8Array.fromBase64/fromHex`) check the size
 *   first and count the result.
 *
 * Memory is checked before it is taken, so a refused request never allocates. Buffers
 * of 16 KB and more are subtracted once collected; smaller ones are only added up. A
 * loop that drops its buffers can pass the count before the collector has run, so past
 * the limit the meter asks `collect` for the real figure before refusing. Node has one;
 * browsers have none, so there a call that goes through more than the limit in
 * short-lived buffers within one task (no await in between) can be refused.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export interface BufferMeter {
  readonly limitBytes: number;
  /** A new call tree: counting starts from zero and any earlier refusal is forgotten. */
  reset(): void;
  /** The first refusal since `reset`, if any: the call is over once past the limit. */
  refusal(): string | undefined;
  /** Takes the figure `collect` reports now as the runner's own, not the calls'. */
  settle(): void;
}

export function installBufferMeter(limitBytes: number, collect?: () => number): BufferMeter {
  const g = globalThis as any;
  const { apply, construct, getPrototypeOf, setPrototypeOf, defineProperty, getOwnPropertyDescriptor, ownKeys } = Reflect;
  const MB = 1024 * 1024;
  const FOLLOW_FROM = 16 * 1024;
  const getter = (target: object, key: PropertyKey) => getOwnPropertyDescriptor(target, key)?.get;

  const RealArrayBuffer = g.ArrayBuffer;
  const bufferProto = RealArrayBuffer.prototype;
  const bufferBytes = getter(bufferProto, "byteLength")!;
  const bufferMax = getter(bufferProto, "maxByteLength");
  const bufferResizable = getter(bufferProto, "resizable");
  const sharedBytes = typeof g.SharedArrayBuffer === "function" ? getter(g.SharedArrayBuffer.prototype, "byteLength") : undefined;
  const TypedArray: any = getPrototypeOf(g.Uint8Array);
  const typedProto = TypedArray.prototype;
  const typedBuffer = getter(typedProto, "buffer")!;
  const typedLength = getter(typedProto, "length")!;
  const typedBytes = getter(typedProto, "byteLength")!;
  const typedTag = getter(typedProto, Symbol.toStringTag)!;

  // ---- the count --------------------------------------------------------------------

  let used = 0;
  let epoch = 0;
  let baseline = 0;
  let refused: string | undefined;
  const charges = new WeakMap<object, { bytes: number; epoch: number }>();
  const collected = new FinalizationRegistry((held: { bytes: number; epoch: number }) => {
    if (held.epoch === epoch) used = Math.max(0, used - held.bytes);
  });

  const mb = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

  /** Throws unless `bytes` more fit; nothing is counted until `track`. */
  function reserve(bytes: number, what: () => string): void {
    if (!(bytes > 0) || used + bytes <= limitBytes) return;
    if (collect) {
      // Buffers dropped since the last collection still count: ask for the real figure.
      used = Math.max(0, collect() - baseline);
      epoch++;
      if (used + bytes <= limitBytes) return;
    }
    const message = `execution memory limit exceeded: ${what()} would bring the function's buffers to ${mb(used + bytes)}, over the ${mb(limitBytes)} a function may use`;
    refused ??= message;
    throw new RangeError(message);
  }

  /**
   * Counts a new buffer. Big ones are followed until collected; small ones (most of what
   * bson and the crypto code allocate) are only added up, since following one costs
   * a hundred times its allocation: they count until the call tree ends or `collect`
   * gives the real figure.
   */
  function track(buffer: unknown, bytes: number): void {
    if (bytes < FOLLOW_FROM) {
      used += bytes;
      return;
    }
    if (buffer === null || typeof buffer !== "object" || charges.has(buffer)) return;
    const held = { bytes, epoch };
    charges.set(buffer, held);
    collected.register(buffer, held);
    used += bytes;
  }

  /** A buffer's memory went elsewhere (transfer): it no longer counts. */
  function release(buffer: object): void {
    const held = charges.get(buffer);
    if (!held) return;
    if (held.epoch === epoch) used = Math.max(0, used - held.bytes);
    held.bytes = 0;
  }

  /** Counts a typed array's buffer; small ones without asking for it (V8 keeps those in the heap until asked). */
  const trackView = (view: unknown) => {
    try {
      const bytes: number = apply(typedBytes, view, []);
      if (bytes < FOLLOW_FROM) used += bytes;
      else {
        const buffer = apply(typedBuffer, view, []);
        track(buffer, apply(bufferBytes, buffer, []));
      }
    } catch {}
  };

  // ---- helpers ----------------------------------------------------------------------

  /** ToIndex for the check; an object is converted once here and its number passed on. */
  function lengthOf(value: unknown): [number, unknown] {
    if (value !== null && (typeof value === "object" || typeof value === "function")) value = Number(value);
    const n = typeof value === "bigint" || typeof value === "symbol" ? 0 : Math.trunc(Number(value)) || 0;
    return [n > 0 ? n : 0, value];
  }

  const is = (get: Function | undefined, value: unknown) => {
    if (!get) return false;
    try {
      apply(get, value, []);
      return true;
    } catch {
      return false;
    }
  };
  const isTyped = (value: unknown) => apply(typedTag, value, []) !== undefined;
  const tryBytes = (get: Function, value: unknown) => {
    try {
      return apply(get, value, []) as number;
    } catch {
      return 0;
    }
  };

  /** The wrapper stands in for `real`: same name, length, statics and prototype. */
  function standIn(wrapper: Function, real: Function, parent: object): void {
    for (const key of ownKeys(real)) {
      if (key === "prototype" || key === "arguments" || key === "caller") continue;
      defineProperty(wrapper, key, getOwnPropertyDescriptor(real, key)!);
    }
    defineProperty(wrapper, "prototype", { value: real.prototype, writable: false, enumerable: false, configurable: false });
    defineProperty(real.prototype, "constructor", { value: wrapper, writable: true, enumerable: false, configurable: true });
    setPrototypeOf(wrapper, parent);
  }

  /** Replaces `target[name]` with a method that checks `size(this, args)` and counts the result. */
  function meterMethod(target: any, name: string, size: (self: any, args: any[]) => number, label: string, after?: (self: any, out: any) => void): void {
    const real = target[name];
    if (typeof real !== "function") return;
    const method = {
      [name](this: any, ...args: any[]) {
        reserve(size(this, args), () => label);
        const out = apply(real, this, args);
        if (after) after(this, out);
        else if (isTyped(out)) trackView(out);
        else if (is(bufferBytes, out)) track(out, apply(bufferBytes, out, []));
        return out;
      },
    }[name];
    defineProperty(method, "length", { value: real.length });
    defineProperty(target, name, { ...getOwnPropertyDescriptor(target, name), value: method });
  }

  // ---- ArrayBuffer ------------------------------------------------------------------

  const MeteredArrayBuffer = function (this: unknown, length?: unknown, options?: any) {
    if (new.target === undefined) throw new TypeError("Constructor ArrayBuffer requires 'new'");
    const [n, lengthArg] = lengthOf(length);
    let bytes = n;
    const args: unknown[] = [lengthArg];
    if (options !== null && typeof options === "object") {
      const max = options.maxByteLength;
      if (max !== undefined) {
        // A resizable buffer may grow to its maximum without asking again: count that.
        const [m, maxArg] = lengthOf(max);
        bytes = Math.max(n, m);
        args.push({ maxByteLength: maxArg });
      }
    }
    reserve(bytes, () => `new ArrayBuffer(${mb(bytes)})`);
    const buffer = new.target === MeteredArrayBuffer ? new RealArrayBuffer(...(args as [number])) : construct(RealArrayBuffer, args, new.target);
    track(buffer, bytes);
    return buffer;
  };
  standIn(MeteredArrayBuffer, RealArrayBuffer, getPrototypeOf(RealArrayBuffer)!);
  g.ArrayBuffer = MeteredArrayBuffer;

  meterMethod(bufferProto, "slice", (self) => tryBytes(bufferBytes, self), "ArrayBuffer.prototype.slice()");
  meterMethod(bufferProto, "sliceToImmutable", (self) => tryBytes(bufferBytes, self), "ArrayBuffer.prototype.sliceToImmutable()");
  for (const name of ["transfer", "transferToFixedLength", "transferToImmutable"]) {
    const sizeOf = (self: any, args: any[]) => {
      if (args.length > 0 && args[0] !== undefined) args[0] = lengthOf(args[0])[1];
      const length = args[0] === undefined ? tryBytes(bufferBytes, self) : lengthOf(args[0])[0];
      const max = name === "transfer" && bufferResizable && tryBytes(bufferResizable, self) ? tryBytes(bufferMax!, self) : 0;
      return Math.max(length, max) - (charges.get(self)?.bytes ?? 0);
    };
    meterMethod(bufferProto, name, sizeOf, `ArrayBuffer.prototype.${name}()`, (self, out) => {
      release(self);
      track(out, Math.max(tryBytes(bufferBytes, out), bufferMax ? tryBytes(bufferMax, out) : 0));
    });
  }

  // ---- typed arrays -----------------------------------------------------------------

  const TYPED = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
  for (const name of TYPED) {
    const Real = g[name];
    if (typeof Real !== "function") continue;
    const size: number = Real.BYTES_PER_ELEMENT;
    const Metered = function (this: unknown, ...args: any[]) {
      if (new.target === undefined) throw new TypeError(`Constructor ${name} requires 'new'`);
      const first = args[0];
      let n: number;
      if (typeof first === "number" && first >= 0 && first <= Number.MAX_SAFE_INTEGER) {
        n = Math.trunc(first);
      } else if (first === null || (typeof first !== "object" && typeof first !== "function")) {
        n = lengthOf(first)[0];
      } else if (is(bufferBytes, first) || is(sharedBytes, first)) {
        // A view of an existing buffer: no new memory.
        return construct(Real, args, new.target);
      } else if (isTyped(first)) {
        n = apply(typedLength, first, []);
      } else {
        const iterate = first[Symbol.iterator];
        if (iterate !== undefined && iterate !== null) {
          // Read the iterable once, as the constructor would, then build from the list.
          const list: unknown[] = [];
          for (const value of { [Symbol.iterator]: (): Iterator<unknown> => apply(iterate, first, []) }) list.push(value);
          n = list.length;
          args.length = 1;
          args[0] = list;
        } else {
          // An array-like: its length is read once here; the elements are copied as the constructor would.
          n = Math.min(lengthOf(first.length)[0], Number.MAX_SAFE_INTEGER);
          reserve(n * size, () => `new ${name}(${mb(n * size)})`);
          const out = construct(Real, [n], new.target);
          for (let k = 0; k < n; k++) out[k] = first[k];
          trackView(out);
          return out;
        }
      }
      const bytes = n * size;
      if (used + bytes > limitBytes) reserve(bytes, () => `new ${name}(${mb(bytes)})`);
      // The wrapper shares the prototype: only a subclass needs its new.target passed on.
      const out = new.target === Metered ? new Real(...args) : construct(Real, args, new.target);
      if (bytes < FOLLOW_FROM) used += bytes;
      else trackView(out);
      return out;
    };
    standIn(Metered, Real, TypedArray);
    g[name] = Metered;
    if (name === "Uint8Array") {
      const decoded = (ratio: number) => (_self: unknown, args: any[]) => (typeof args[0] === "string" ? Math.ceil(args[0].length * ratio) : 0);
      meterMethod(Metered, "fromBase64", decoded(3 / 4), "Uint8Array.fromBase64()");
      meterMethod(Metered, "fromHex", decoded(1 / 2), "Uint8Array.fromHex()");
    }
  }
  // Copies made with the engine's own constructor when `constructor` is hidden, or always.
  for (const name of ["slice", "map", "filter", "toReversed", "toSorted", "with"]) {
    meterMethod(typedProto, name, (self) => tryBytes(typedBytes, self), `TypedArray.prototype.${name}()`);
  }

  // ---- TextEncoder ------------------------------------------------------------------

  if (typeof g.TextEncoder === "function") {
    const utf8Length = (text: string) => {
      let bytes = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (unit < 0x80) bytes += 1;
        else if (unit < 0x800) bytes += 2;
        else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
          bytes += 4;
          i++;
        } else bytes += 3;
      }
      return bytes;
    };
    meterMethod(
      g.TextEncoder.prototype,
      "encode",
      (_self, args) => {
        if (args[0] === undefined || typeof args[0] === "symbol") return 0;
        const text = (args[0] = String(args[0]));
        // Three bytes a code unit at most; count exactly only when that bound does not fit.
        return used + text.length * 3 <= limitBytes ? 0 : utf8Length(text);
      },
      "TextEncoder.prototype.encode()",
    );
  }

  return {
    limitBytes,
    reset() {
      used = 0;
      epoch++;
      refused = undefined;
    },
    refusal: () => refused,
    settle() {
      if (collect) baseline = collect();
      used = 0;
      epoch++;
    },
  };
}

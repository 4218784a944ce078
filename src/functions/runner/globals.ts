/* eslint-disable */
/**
 * What runners add to the language before function code runs: App Services' spelling
 * of the BSON Binary helpers, and a `Date` that follows the app's clock.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function installRunnerGlobals(BSON: any): { setNow(now: number): void } {
  /** App Services' Binary helpers, which the bson package spells differently. */
  function extendBinary(Binary: any): void {
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
  }

  /**
   * `Date` in function code reads the app's clock (which tests and the console may set),
   * shifted by the offset taken when a call starts; time still passes in real time.
   * Instances are real Dates, so `instanceof Date` and BSON dates keep working.
   */
  const RealDate = Date;
  let clockOffset = 0;
  function installClock(): void {
    const SandboxDate = function (this: unknown, ...args: unknown[]) {
      const now = RealDate.now() + clockOffset;
      if (!new.target) return new RealDate(now).toString();
      return args.length === 0 ? new RealDate(now) : new (RealDate as any)(...args);
    } as unknown as DateConstructor;
    Object.defineProperties(SandboxDate, {
      prototype: { value: RealDate.prototype },
      now: { value: () => RealDate.now() + clockOffset, writable: true, configurable: true },
      parse: { value: RealDate.parse, writable: true, configurable: true },
      UTC: { value: RealDate.UTC, writable: true, configurable: true },
    });
    (globalThis as any).Date = SandboxDate;
  }

  extendBinary(BSON.Binary);
  installClock();
  return { setNow: (now: number) => void (clockOffset = now - RealDate.now()) };
}

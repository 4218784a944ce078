import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseApp, setFunction } from "../../src/config/index.ts";
import { PARSE_HOOKS } from "../../src/app/app.ts";
import { blank } from "../../src/app/templates/index.ts";
import { checkFunctionSource } from "../../src/functions/check-source.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openBackend, type TestBackend } from "./_setup.ts";

/**
 * Everyday JavaScript that must keep working with frozen built-ins and a Compartment
 * per call.
 */
let backend: TestBackend;

const SOURCES: Record<string, string> = {
  // Assignments of names Object.prototype has (the "override mistake" of frozen prototypes).
  overrides: `exports = function () {
  const point = { x: 1 };
  point.toString = function () { return "point " + this.x; };
  const merged = Object.assign({}, { constructor: "c", hasOwnProperty: "h", valueOf: "v" });
  function Legacy() {}
  Legacy.prototype = { greet() { return "hi"; } };
  Legacy.prototype.constructor = Legacy;
  const error = new Error("m");
  error.name = "CustomError";
  error.message = "changed";
  return [String(point), merged.constructor, merged.hasOwnProperty, merged.valueOf, new Legacy().greet(), String(error)];
};`,
  classes: `exports = function () {
  class Task { constructor(name) { this.name = name; } toString() { return "Task " + this.name; } }
  class Urgent extends Task { toString() { return super.toString() + "!"; } }
  class AppError extends Error { constructor(message) { super(message); this.name = "AppError"; } }
  return [String(new Urgent("a")), new AppError("x") instanceof Error, String(new AppError("x"))];
};`,
  // Undeclared names: assignment makes a global of the call, a read is a ReferenceError, typeof is "undefined".
  sloppy: `exports = function () {
  total = 0;
  for (let i = 1; i <= 3; i++) total += i;
  let typo;
  try { typo = contxt.services; } catch (error) { typo = error.name + ": " + error.message; }
  return [total, globalThis.total, typeof neverDeclared, typeof window, globalThis.neverDeclared, typo];
};`,
  locale: `exports = function () {
  return [
    (1234567.891).toLocaleString("en-US"),
    ["b", "a", "C"].sort((x, y) => x.localeCompare(y)).join(""),
    new Intl.NumberFormat("de-DE").format(1234.5),
    new Date(Date.UTC(2020, 0, 2)).toLocaleDateString("en-US", { timeZone: "UTC" }),
  ];
};`,
  basics: `exports = async function () {
  const id = crypto.randomUUID();
  const url = new URL("https://example.com/a?b=1");
  const bytes = new TextEncoder().encode("hé");
  const random = Math.random();
  const fn = new Function("a", "b", "return a + b");
  const ticks = await new Promise((resolve) => { let n = 0; const t = setInterval(() => { if (++n === 3) { clearInterval(t); resolve(n); } }, 1); });
  return [id.length, url.searchParams.get("b"), bytes.length, random >= 0 && random < 1, fn(2, 3), eval("1 + 1"), atob(btoa("ok")), ticks, typeof Float64Array];
};`,
  clock: "exports = () => [new Date().getTime(), Date.now()];",
  objectIds: `exports = function () {
  const a = new BSON.ObjectId();
  const b = new BSON.ObjectId();
  return [a.toHexString() !== b.toHexString(), BSON.ObjectId.isValid(a.toHexString()), new BSON.Long(5).toNumber(), BSON.Long.fromInt(3).add(BSON.Long.fromInt(4)).toNumber()];
};`,
};

beforeAll(async () => {
  backend = await openBackend({ functions: Object.fromEntries(Object.entries(SOURCES).map(([name, source]) => [name, { source }])) });
});

afterAll(() => backend.close());

const call = (name: string) => backend.runtime.call(name, [], SYSTEM_CONTEXT);

describe("function code under lockdown", () => {
  it("may assign toString, constructor and friends on its own objects", async () => {
    expect(await call("overrides")).toEqual(["point 1", "c", "h", "v", "hi", "CustomError: changed"]);
  });

  it("may define and extend classes, errors included", async () => {
    expect(await call("classes")).toEqual(["Task a!", true, "AppError: x"]);
  });

  it("gets sloppy globals for the call, ReferenceErrors for typos and typeof for feature tests", async () => {
    expect(await call("sloppy")).toEqual([6, 6, "undefined", "undefined", null, "ReferenceError: contxt is not defined"]);
  });

  it("formats numbers, dates and sorts with the host's locale data", async () => {
    expect(await call("locale")).toEqual(["1,234,567.891", "abC", "1.234,5", "1/2/2020"]);
  });

  it("has crypto, URL, TextEncoder, Math.random, timers, eval and the Function constructor", async () => {
    expect(await call("basics")).toEqual([36, "1", 3, true, 5, 2, "ok", 3, "function"]);
  });

  it("reads the app's clock through Date", async () => {
    const [constructed, now] = (await call("clock")) as number[];
    expect(Math.abs(constructed - backend.clock.now())).toBeLessThan(5_000);
    expect(Math.abs(now - backend.clock.now())).toBeLessThan(5_000);
  });

  it("creates distinct ObjectIds and uses Longs from the hardened BSON", async () => {
    expect(await call("objectIds")).toEqual([true, true, 5, 7]);
  });
});

describe("the deploy check parses function code as the runner runs it, in strict mode", () => {
  it.each([
    ["with", "exports = function () {\n  with (Math) { return PI; }\n};"],
    ["an octal literal", "exports = function () {\n  return 010;\n};"],
    ["a reserved word", "exports = function () {\n  const package = 1;\n  return package;\n};"],
  ])("refuses %s", (_, source) => {
    expect(checkFunctionSource(source)).toEqual([expect.stringMatching(/^syntax error at line 2: .*\(functions run in strict mode\)$/)]);
    expect(() => parseApp(setFunction(blank("a"), { name: "f" }, source), { ...PARSE_HOOKS, checkFunctionSource })).toThrow(/functions\/f\.js: syntax error at line 2/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openBackend, type TestBackend } from "./_setup.ts";

/**
 * V8 hands `Error.prepareStackTrace` the call sites of a stack, and a call site's
 * `getFunction()`/`getThis()` return the live function and receiver of each frame: the
 * runner's own functions when user code is called from the runner. Function code tries
 * every way in and reports what it got hold of.
 */
const HUNT = `
  const found = [];
  const take = (sites) => {
    if (!Array.isArray(sites)) return;
    for (const site of sites) {
      for (const method of ["getFunction", "getThis"]) {
        try {
          const value = site && typeof site[method] === "function" ? site[method]() : undefined;
          if (value !== undefined && value !== null) found.push(method + ":" + (typeof value === "function" ? value.name || "anonymous" : typeof value));
        } catch (error) {}
      }
    }
  };
  const prepare = (error, sites) => { take(sites); return "captured"; };
  const constructors = [Error, TypeError, RangeError, SyntaxError, ReferenceError, Object.getPrototypeOf(TypeError), new Error("x").constructor];
  for (const E of constructors) {
    try { E.prepareStackTrace = prepare; } catch (error) {}
    try { Object.defineProperty(E, "prepareStackTrace", { value: prepare, configurable: true, writable: true }); } catch (error) {}
  }
  const provoke = () => {
    try { null.x; } catch (error) { void error.stack; }
    void new Error("made").stack;
    const holder = {};
    try { Error.captureStackTrace(holder); void holder.stack; } catch (error) {}
    try { Error.captureStackTrace(holder, provoke); void holder.stack; } catch (error) {}
  };
  provoke();
`;

let backend: TestBackend;

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      syncHunt: { source: `exports = function () {${HUNT}\n  return found;\n};` },
      asyncHunt: { source: `exports = async function () {\n  await null;${HUNT}\n  await new Promise((r) => setTimeout(r, 1));\n  provoke();\n  return found;\n};` },
      // Through a callback the runner calls: serializing the returned value.
      toJsonHunt: { source: `exports = function () {\n  return { toJSON() {${HUNT}\n  return found; } };\n};` },
      caller: {
        source: `exports = function hunt() {
  const found = [];
  for (const read of [() => hunt.caller, () => arguments.callee.caller, () => hunt.arguments]) {
    try { const value = read(); if (value) found.push(typeof value); } catch (error) {}
  }
  return found;
};`,
      },
      stackText: { source: "exports = function () { try { null.x; } catch (error) { return String(error.stack); } };" },
      thrower: { source: "exports = function () {\n  const a = 1;\n  throw new Error('line three');\n};" },
    },
  });
});

afterAll(() => backend.close());

const call = (name: string) => backend.runtime.call(name, [], SYSTEM_CONTEXT);

describe("nothing of the runner is reachable from function code", () => {
  // First: the hunts below would change what later stacks look like if they succeeded.
  it("stack text shows no runner frames", async () => {
    const text = (await call("stackText")) as string;
    expect(text).not.toMatch(/\bstart\b|runner|listen|bridge|worker/i);
  });

  it("errors still carry the line in the function source to the log", async () => {
    await expect(call("thrower")).rejects.toMatchObject({ code: "FunctionExecutionError", message: "line three", details: expect.objectContaining({ line: 3 }) });
  });

  it("prepareStackTrace and captureStackTrace hand out no call sites", async () => {
    expect(await call("syncHunt")).toEqual([]);
    expect(await call("asyncHunt")).toEqual([]);
    expect(await call("toJsonHunt")).toEqual([]);
  });

  it("function.caller and arguments.callee do not lead to the runner", async () => {
    expect(await call("caller")).toEqual([]);
  });
});

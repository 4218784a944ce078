import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { asUser, openBackend, testUser, type TestBackend } from "./_setup.ts";

/**
 * One warm runner serves every caller in turn (the pool keeps a single runner here), so
 * whatever one call leaves behind in the runner is what the next caller would find.
 */
let backend: TestBackend;
const alice = asUser(testUser("6000000000000000000000a1", "alice@example.com"));
const bob = asUser(testUser("6000000000000000000000b2", "bob@example.com"));

beforeAll(async () => {
  backend = await openBackend(
    {
      functions: {
        // A sloppy global: written without a declaration.
        remember: { source: "exports = function (name) { const before = typeof last === 'undefined' ? null : last; last = name; return before; };" },
        cache: { source: "exports = function (value) { const before = globalThis.cache; globalThis.cache = value; return before === undefined ? null : before; };" },
        // The deep merge many apps write by hand, fed a client-sent __proto__.
        merge: {
          source: `exports = function (patch) {
  function merge(target, source) {
    for (const key in source) {
      if (source[key] && typeof source[key] === "object") {
        if (!target[key]) target[key] = {};
        merge(target[key], source[key]);
      } else {
        target[key] = source[key];
      }
    }
    return target;
  }
  merge({}, patch);
  return "merged";
};`,
        },
        tamper: {
          source: `exports = function () {
  const attempts = {
    objectPrototype: () => { Object.prototype.polluted = "yes"; },
    arrayPrototype: () => { Array.prototype.sneaky = 1; },
    jsonStringify: () => { JSON.stringify = () => "hijacked"; },
    mathRandom: () => { Math.random = () => 4; },
    dateNow: () => { Date.now = () => 0; },
    promiseThen: () => { Promise.prototype.then = function () { return "hijacked"; }; },
    objectIdHex: () => { BSON.ObjectId.prototype.toHexString = () => "hijacked"; },
    cachedLong: () => { BSON.Long.fromInt(1).low = 99; },
    ejson: () => { EJSON.stringify = () => "hijacked"; },
    utilsHash: () => { utils.crypto.hash = () => "hijacked"; },
    objectIdCounter: () => { BSON.ObjectId.cacheHexString = true; BSON.ObjectId.index = 7; },
    errorPrototype: () => { Error.prototype.toString = () => "hijacked"; },
  };
  const refused = [];
  for (const [name, attempt] of Object.entries(attempts)) {
    try { attempt(); } catch (error) { refused.push(name); }
  }
  return refused;
};`,
        },
        probe: {
          source: `exports = function () {
  const a = new BSON.ObjectId("5f1b2c3d4e5f60718293a4b5");
  return {
    objectPrototype: ({}).polluted === undefined,
    arrayPrototype: [].sneaky === undefined,
    jsonStringify: JSON.stringify({ a: 1 }) === '{"a":1}',
    mathRandom: Math.random() < 1,
    dateNow: Date.now() > 0,
    promiseThen: typeof Promise.resolve(1).then(() => 1).then === "function",
    objectIdHex: a.toHexString() === "5f1b2c3d4e5f60718293a4b5",
    cachedLong: BSON.Long.fromInt(1).toNumber() === 1,
    ejson: EJSON.stringify({ n: 1 }) === '{"n":1}',
    utilsHash: utils.crypto.hash("md5", "a").toHex() === "0cc175b9c0f1b6a831c399e269772661",
    objectIdCounter: BSON.ObjectId.cacheHexString !== true && BSON.ObjectId.index !== 8,
    errorPrototype: String(new Error("x")) === "Error: x",
  };
};`,
        },
        // A timer left behind must not fire into the next caller's call.
        leaveTimer: { source: "exports = function () { setTimeout(() => { throw new Error('a timer of an earlier call'); }, 40); return 'returned'; };" },
        wait: { source: "exports = () => new Promise((resolve) => setTimeout(() => resolve('waited'), 120));" },
        isAdmin: { source: "exports = () => ({}).isAdmin === undefined && Object.prototype.isAdmin === undefined;" },
      },
    },
    { maxIdleRunners: 1, maxRunners: 1 },
  );
});

afterAll(() => backend.close());

const call = (name: string, args: unknown[], context: typeof alice) => backend.runtime.call(name, args, context);

describe("calls share no state", () => {
  it("a sloppy global or a globalThis property set by one user is not seen by the next", async () => {
    expect(await call("remember", ["alice"], alice)).toBeNull();
    expect(await call("remember", ["bob"], bob)).toBeNull();
    expect(await call("cache", ["alice's secret"], alice)).toBeNull();
    expect(await call("cache", ["bob's"], bob)).toBeNull();
    expect(backend.runtime.runnerCount).toBe(1);
  });

  it("a client-sent __proto__ merged by function code does not reach Object.prototype", async () => {
    const patch = JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown;
    await expect(call("merge", [patch], alice)).rejects.toMatchObject({ code: "FunctionExecutionError", message: expect.stringMatching(/isAdmin|not extensible/) });
    expect(await call("isAdmin", [], bob)).toBe(true);
  });

  it("built-ins, BSON, EJSON and utils cannot be changed for later calls", async () => {
    const refused = (await call("tamper", [], alice)) as string[];
    // Every attempt throws: the objects are frozen (the two ObjectId settings only last for the call).
    expect(refused).toEqual(expect.arrayContaining(["objectPrototype", "arrayPrototype", "jsonStringify", "mathRandom", "promiseThen", "objectIdHex", "cachedLong", "ejson", "utilsHash", "errorPrototype"]));
    expect(await call("probe", [], bob)).toEqual({
      objectPrototype: true,
      arrayPrototype: true,
      jsonStringify: true,
      mathRandom: true,
      dateNow: true,
      promiseThen: true,
      objectIdHex: true,
      cachedLong: true,
      ejson: true,
      utilsHash: true,
      objectIdCounter: true,
      errorPrototype: true,
    });
  });

  it("a timer a call left behind is cleared when the call returns", async () => {
    expect(await call("leaveTimer", [], alice)).toBe("returned");
    expect(await call("wait", [], bob)).toBe("waited");
  });
});


import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { Binary, ObjectId } from "../../src/bson/types.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { asUser, openBackend, testUser, type TestBackend } from "./_setup.ts";

const fn = (body: string) => ({ source: `exports = async function (...args) {\n${body}\n};\n` });

let backend: TestBackend;
const call = (name: string, args: unknown[] = [], context = SYSTEM_CONTEXT, options = {}) =>
  backend.runtime.call(name, args, context, options);

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      echo: fn("return args;"),
      user: fn("return context.user;"),
      system: fn("return context.runningAsSystem();"),
      sysUser: { ...fn("return { user: context.user, system: context.runningAsSystem() };"), run_as_system: true },
      value: fn("return [context.values.get('greeting'), context.values.get('limits'), context.values.get('missing')];"),
      environment: fn("return { tag: context.environment.tag, values: context.environment.values };"),
      request: fn("return context.request;"),
      app: fn("return context.app;"),
      double: fn("return args[0] * 2;"),
      callsDouble: fn("return await context.functions.execute('double', args[0]) + 1;"),
      callsPrivate: fn("return context.functions.execute('hidden');"),
      hidden: { ...fn("return 'secret';"), private: true },
      unknownService: fn("return context.services.get('nope') === undefined;"),
      dbNames: fn("return context.services.get('mongodb-atlas').admin().getDBNames();"),
      http: fn("try { await context.http.get({ url: 'https://example.com' }); } catch (e) { return e.message; }"),
      draft: fn("return 'deployed';"),
      crypto: fn(`
        const sha = utils.crypto.hash('sha256', 'Hello World');
        return {
          sha256: sha.toHex(), sha256b64: sha.toBase64(), isBinary: sha instanceof BSON.Binary,
          md5: utils.crypto.hash('md5', 'abc').toHex(),
          sha1: utils.crypto.hash('sha1', 'abc').toHex(),
          hmac: utils.crypto.hmac('Hello World', 'abc123', 'sha256', 'hex'),
          hmac64: utils.crypto.hmac('Hello World', 'abc123', 'sha1', 'base64'),
          jwt: utils.jwt.decode(utils.jwt.encode('HS256', { sub: 'u1' }, 'key'), 'key'),
        };`),
      bson: fn(`
        const id = new BSON.ObjectId('5f1b2c3d4e5f60718293a4b5');
        const text = EJSON.stringify({ id, n: new BSON.Int32(3), l: BSON.Long.fromNumber(5) });
        return { id, hex: id.toHexString(), text, parsed: EJSON.parse('{"d":{"$date":"2020-01-01T00:00:00Z"}}').d instanceof Date,
                 dec: BSON.Decimal128.fromString('1.5'), bin: BSON.Binary.fromText('hi').text() };`),
      consoleOut: fn("console.log('hello', { a: 1 }, [2]); console.error('oops'); console.warn('careful'); return 1;"),
      argTypes: fn("const [n, s, d, id, nested] = args; return [typeof n, typeof s, d instanceof Date, id instanceof BSON.ObjectId, nested.deep.x];"),
    },
    values: { greeting: "hello", limits: { max: 3 } },
    files: { "environments/no-environment.json": JSON.stringify({ values: { region: "eu" } }) },
  });
});

afterAll(() => backend.close());

describe("context", () => {
  it("passes arguments and returns values as EJSON round trips", async () => {
    const id = new ObjectId();
    const when = new Date(Date.UTC(2020, 0, 1));
    expect(await call("echo", [1, "two", when, id, { x: 1.5 }])).toEqual([1, "two", when, id, { x: 1.5 }]);
    expect(await call("argTypes", [1, "s", when, id, { deep: { x: 7 } }])).toEqual(["number", "string", true, true, 7]);
  });

  it("context.user is the caller, the system user without one, and the caller in system functions", async () => {
    const ada = testUser();
    expect(await call("user", [], asUser(ada))).toEqual(ada);
    expect(await call("user")).toEqual({ type: "system", data: {}, custom_data: {}, identities: [] });
    expect(await call("sysUser", [], asUser(ada))).toEqual({ user: ada, system: true });
  });

  it("context.runningAsSystem() tells system runs apart", async () => {
    expect(await call("system")).toBe(true);
    expect(await call("system", [], asUser())).toBe(false);
  });

  it("context.values.get reads app values; unknown names are undefined", async () => {
    expect(await call("value")).toEqual(["hello", { max: 3 }, null]);
  });

  it("context.environment has the tag and the values of the environment file", async () => {
    expect(await call("environment")).toEqual({ tag: "", values: { region: "eu" } });
  });

  it("context.request is what the caller passed", async () => {
    const request = { remoteIPAddress: "127.0.0.1", requestHeaders: { "User-Agent": ["test"] }, action: "call" };
    expect(await call("request", [], asUser(testUser()), { request })).toEqual(request);
  });

  it("context.app describes the app", async () => {
    const app = (await call("app")) as Record<string, unknown>;
    expect(app).toMatchObject({ id: "fn-test", clientAppId: "fn-test", name: backend.app.deployed.name, deployment: { model: "GLOBAL" } });
  });

  it("context.functions.execute runs another function, private ones included", async () => {
    expect(await call("callsDouble", [20])).toBe(41);
    expect(await call("callsPrivate")).toBe("secret");
  });

  it("context.services.get returns undefined for an unknown service", async () => {
    expect(await call("unknownService")).toBe(true);
  });

  it("admin().getDBNames lists the databases the app declares", async () => {
    expect(await call("dbNames")).toEqual([]);
  });

  it("context.http refuses: functions have no network", async () => {
    expect(await call("http")).toBe("context.http is not available in the sandbox: functions cannot reach the network");
  });

  it("the console can run a draft's source with test arguments, as a user or as the system", async () => {
    const source = "exports = (a) => ({ a, user: context.user.id ?? null, system: context.runningAsSystem() });";
    const asSystem = await backend.runtime.execute("draft", [1], { context: SYSTEM_CONTEXT, origin: "console", source });
    expect(asSystem).toMatchObject({ ok: true, value: { a: 1, user: null, system: true } });
    const ada = testUser();
    const asAda = await backend.runtime.execute("draft", [2], { context: asUser(ada), origin: "console", source });
    expect(asAda).toMatchObject({ ok: true, value: { a: 2, user: ada.id, system: false }, runAsSystem: false });
    const failed = await backend.runtime.execute("draft", [], { context: SYSTEM_CONTEXT, origin: "console", source: "exports = () => {" });
    expect(failed).toMatchObject({ ok: false, error: { code: "FunctionSyntaxError" } });
    expect(await call("draft")).toBe("deployed");
  });

  it("utils.crypto hashes and signs like the reference implementations", async () => {
    const { createHash, createHmac } = await import("node:crypto");
    const result = (await call("crypto")) as Record<string, unknown>;
    expect(result).toEqual({
      sha256: createHash("sha256").update("Hello World").digest("hex"),
      sha256b64: createHash("sha256").update("Hello World").digest("base64"),
      isBinary: true,
      md5: createHash("md5").update("abc").digest("hex"),
      sha1: createHash("sha1").update("abc").digest("hex"),
      hmac: createHmac("sha256", "abc123").update("Hello World").digest("hex"),
      hmac64: createHmac("sha1", "abc123").update("Hello World").digest("base64"),
      jwt: { sub: "u1" },
    });
  });

  it("BSON and EJSON are globals", async () => {
    const result = (await call("bson")) as Record<string, unknown>;
    expect(result.id).toEqual(new ObjectId("5f1b2c3d4e5f60718293a4b5"));
    expect(result.hex).toBe("5f1b2c3d4e5f60718293a4b5");
    expect(JSON.parse(result.text as string)).toEqual({ id: { $oid: "5f1b2c3d4e5f60718293a4b5" }, n: 3, l: 5 });
    expect(result.parsed).toBe(true);
    expect(String(result.dec)).toBe("1.5");
    expect(result.bin).toBe("hi");
  });

  it("console output is captured into the call's log entry", async () => {
    await call("consoleOut");
    await backend.app.log.flush();
    const [entry] = await backend.app.log.query({ types: ["function"], text: "consoleOut" });
    expect(entry.details?.logs).toEqual([
      { level: "log", text: 'hello {"a":1} [2]' },
      { level: "error", text: "oops" },
      { level: "warn", text: "careful" },
    ]);
  });

  it("binary values cross both ways", async () => {
    const bin = new Binary(new Uint8Array([1, 2, 3]));
    const [back] = (await call("echo", [bin])) as Binary[];
    expect(Buffer.from(back.buffer).toString("hex")).toBe("010203");
  });
});

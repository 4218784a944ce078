import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { API, openSandbox, type Reply, type TestSandbox } from "./helpers.ts";

let t: TestSandbox;
beforeEach(async () => {
  t = await openSandbox();
});
afterEach(async () => t.sandbox.close());

const register = () => `${API}/app/${t.appId}/auth/providers/local-userpass/register`;

function expectClientError(reply: Reply | { status: number; contentType: string | null; json: any }, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toBe("application/json");
  expect(reply.json.error_code).toBe(code);
  expect(typeof reply.json.error).toBe("string");
}

async function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await t.sandbox.fetch(path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), json: text ? JSON.parse(text) : undefined };
}

describe("malformed bodies", () => {
  it.each([
    ["truncated JSON", `{"email":`],
    ["not JSON", `email=a@b.c&password=secret123`],
    ["a bad $numberInt", `{"email":"a@b.c","password":{"$numberInt":"abc"}}`],
    ["a bad $oid", `{"email":"a@b.c","password":"secret123","x":{"$oid":"xyz"}}`],
    ["a bad $date", `{"email":"a@b.c","password":"secret123","x":{"$date":{"$numberLong":"nope"}}}`],
    ["an array", `[{"email":"a@b.c"}]`],
    ["a string (realm-web 2.x registerUser(email, password))", `"a@b.c"`],
    ["a number", `42`],
    ["null", `null`],
    ["nothing", ``],
    ["whitespace", ` \n `],
  ])("%s → 400 BadRequest", async (_, body) => {
    expectClientError(await post(register(), body), 400, "BadRequest");
  });

  it("bytes that are not UTF-8 → 400", async () => {
    expectClientError(await post(register(), new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, "BadRequest");
  });

  it("nesting deep enough to exhaust the stack → 400, not a crash", async () => {
    const depth = 200_000;
    const body = `{"email":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expectClientError(await post(register(), body), 400, "BadRequest");
  });

  it("__proto__ keys do not reach prototypes", async () => {
    const reply = await post(register(), `{"__proto__":{"polluted":true},"email":"a@b.c","password":"secret123"}`);
    expect(reply.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("huge bodies", () => {
  const LIMIT = 16 * 1024 * 1024;

  it("a declared length over 16 MB → 413 before reading", async () => {
    const reply = await post(register(), "{}", { "content-length": String(LIMIT + 1) });
    expectClientError(reply, 413, "PayloadTooLarge");
  });

  it("a streamed body over 16 MB → 413", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 17) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await t.sandbox.fetch(register(), { method: "POST", body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error_code).toBe("PayloadTooLarge");
  });

  it("a 16 MB service call is read and refused for its content, not its size", async () => {
    const login = await t.signUp("ada@example.com");
    const big = "x".repeat(LIMIT - 1000);
    const body = `{"name":"insertOne","service":"mongodb-atlas","arguments":[{"database":"tracker","collection":"tasks","document":{"name":"${big}"}}]}`;
    const reply = await post(`${API}/app/${t.appId}/functions/call`, body, { authorization: `Bearer ${login.access_token}` });
    expect(reply.status).toBe(400);
    expect(reply.json.error_code).not.toBe("PayloadTooLarge");
  });
});

describe("hostile credentials and paths", () => {
  it.each([
    ["a huge token", `Bearer ${"a".repeat(200_000)}`],
    ["a token of dots", "Bearer ....."],
    ["a JSON token", 'Bearer {"sub":"x"}'],
    ["an alg:none token", `Bearer ${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sub":"x","typ":"access","exp":9e12}').toString("base64url")}.`],
  ])("%s → 401 InvalidSession", async (_, authorization) => {
    const response = await t.sandbox.fetch(`${API}/auth/profile`, { headers: { authorization } });
    expect(response.status).toBe(401);
    expect((await response.json()).error_code).toBe("InvalidSession");
  });

  it.each([
    ["an encoded slash in the app id", `${API}/app/sandbox-test%2Fx/location`],
    ["a traversal", `${API}/app/sandbox-test/../sandbox-test/location/..`],
    ["an app id of another case", `${API}/app/SANDBOX-TEST/location`],
  ])("%s → 404", async (_, url) => {
    const response = await t.sandbox.fetch(url);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

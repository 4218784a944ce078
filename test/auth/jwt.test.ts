import { describe, expect, it } from "vitest";

import { base64UrlDecode, base64UrlEncode, decodeJwtPayload, hmacKey, signJwt, verifyJwt } from "../../src/auth/jwt.ts";

const key = () => hmacKey(new Uint8Array(32).fill(7));
const otherKey = () => hmacKey(new Uint8Array(32).fill(8));
const encode = (value: unknown) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)));

describe("base64url", () => {
  it.each([[""], ["f"], ["fo"], ["foo"], ["foob"], ["\u00ff\u00fe?>"]])("round-trips %j", (text) => {
    const bytes = new TextEncoder().encode(text);
    const encoded = base64UrlEncode(bytes);
    expect(encoded).not.toMatch(/[+/=]/);
    expect(base64UrlDecode(encoded)).toEqual(bytes);
  });

  it.each([["a+b"], ["a/b"], ["abc="], ["a"], ["%%"]])("rejects %j", (text) => {
    expect(base64UrlDecode(text)).toBeUndefined();
  });
});

describe("HS256 tokens", () => {
  it("signs three base64url parts that verify with the same key", async () => {
    const token = await signJwt({ sub: "u1", exp: 2, iat: 1, typ: "access" }, await key());
    expect(token.split(".")).toHaveLength(3);
    expect(JSON.parse(new TextDecoder().decode(base64UrlDecode(token.split(".")[0])))).toEqual({ alg: "HS256", typ: "JWT" });
    expect(await verifyJwt(token, await key())).toEqual({ sub: "u1", exp: 2, iat: 1, typ: "access" });
    expect(decodeJwtPayload(token)).toEqual({ sub: "u1", exp: 2, iat: 1, typ: "access" });
  });

  it("refuses another key's signature", async () => {
    const token = await signJwt({ sub: "u1" }, await otherKey());
    expect(await verifyJwt(token, await key())).toBeUndefined();
  });

  it("refuses a changed payload", async () => {
    const [header, , signature] = (await signJwt({ sub: "u1" }, await key())).split(".");
    expect(await verifyJwt(`${header}.${encode({ sub: "admin" })}.${signature}`, await key())).toBeUndefined();
  });

  it("refuses alg none and other algorithms", async () => {
    const payload = encode({ sub: "u1" });
    expect(await verifyJwt(`${encode({ alg: "none" })}.${payload}.`, await key())).toBeUndefined();
    const [, , signature] = (await signJwt({ sub: "u1" }, await key())).split(".");
    expect(await verifyJwt(`${encode({ alg: "HS512" })}.${payload}.${signature}`, await key())).toBeUndefined();
  });

  it.each([[""], ["a.b"], ["a.b.c.d"], ["!!.??.##"], ["x".repeat(70000)], [`${encode([1])}.${encode([1])}.`]])(
    "treats malformed token %# as invalid",
    async (token) => {
      expect(await verifyJwt(token, await key())).toBeUndefined();
    },
  );

  it("refuses a payload that is not an object even when signed", async () => {
    const k = await key();
    const body = `${encode({ alg: "HS256", typ: "JWT" })}.${encode("text")}`;
    const signature = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(body)));
    expect(await verifyJwt(`${body}.${base64UrlEncode(signature)}`, k)).toBeUndefined();
  });
});

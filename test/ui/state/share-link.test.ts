import { describe, expect, it, vi } from "vitest";

import { describeDropped, HEADERS_NOT_JSON, readShare, shareLink, shareLinkWithInfo, type Share } from "../../../src/ui/state/share-link.ts";
import { currentPath } from "../../../src/ui/shell/hash-router.ts";

const BASE = "https://example.github.io/realm-sandbox/";

function hashOf(url: string): string {
  return new URL(url).hash;
}

describe("share links", () => {
  it("round-trip a query, its variables, operation and Run-as identity", () => {
    const share: Share = {
      query: "query Mine($status: String) { tasks(query: {status: $status}) { _id name } }",
      variables: '{ "status": "Open" }',
      headers: '{ "X-Trace": "on" }',
      operationName: "Mine",
      runAs: { kind: "user", userId: "6560c0ffee", email: "ada@example.com" },
    };
    const url = shareLink(BASE, share);
    expect(url.startsWith(`${BASE}#/playground?share=`)).toBe(true);
    expect(readShare(hashOf(url))).toEqual(share);
  });

  it("route to the playground and read from any form of the hash's query", () => {
    const url = shareLink(`${BASE}#/data/tracker/tasks`, { query: "{ a }", runAs: { kind: "system" } });
    const hash = hashOf(url);
    expect(hash.startsWith("#/playground?share=")).toBe(true);
    vi.stubGlobal("location", { hash });
    expect(currentPath()).toBe("/playground");
    vi.unstubAllGlobals();
    const query = hash.slice(hash.indexOf("?"));
    for (const form of [hash, query, query.slice(1)]) expect(readShare(form)).toEqual({ query: "{ a }", runAs: { kind: "system" } });
  });

  it("keep unicode intact", () => {
    const share: Share = { query: '# Überprüfung ✓ 任务 🚀\nquery { tasks(query: {name: "naïve — ☃"}) { name } }', variables: '{"emoji":"👩🏽‍💻"}' };
    expect(readShare(hashOf(shareLink(BASE, share)))).toEqual(share);
  });

  it("keep a 20 KB query short enough for a link", () => {
    const fields = Array.from({ length: 700 }, (_, i) => `    field${i % 40}: name # comment ${i}`).join("\n");
    const query = `query Big {\n  tasks {\n${fields}\n  }\n}\n`;
    expect(query.length).toBeGreaterThan(20_000);
    const url = shareLink(BASE, { query });
    expect(url.length).toBeLessThan(query.length / 4);
    expect(readShare(hashOf(url))?.query).toBe(query);
  });

  it("never put credentials in the link, and say which headers were left out", () => {
    const headers = JSON.stringify({
      Authorization: "Bearer abc",
      "X-Api-Key": "k",
      "X-Custom": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl",
      "X-Opaque": "a8f5f167f44f4964e6c998dee827110c",
      "X-Scheme": "Basic dXNlcjpwYXNz",
      "X-Trace": "on",
      "Accept-Language": "en-GB",
    });
    const { url, dropped } = shareLinkWithInfo(BASE, { query: "{ a }", headers });
    expect(dropped).toEqual(["Authorization", "X-Api-Key", "X-Custom", "X-Opaque", "X-Scheme"]);
    const shared = readShare(hashOf(url))!;
    expect(JSON.parse(shared.headers!)).toEqual({ "X-Trace": "on", "Accept-Language": "en-GB" });
    expect(decodeURIComponent(url)).not.toMatch(/abc|dXNlcjpwYXNz|a8f5f167/);
    expect(describeDropped(dropped)).toMatch(/"Authorization", "X-Api-Key"/);
  });

  it("keep headers text as written (comments too) when nothing had to go, and leave out headers that are only credentials", () => {
    const commented = '{\n  // traced for the demo\n  "X-Trace": "on"\n}';
    expect(readShare(hashOf(shareLink(BASE, { query: "{a}", headers: commented })))?.headers).toBe(commented);
    const only = shareLinkWithInfo(BASE, { query: "{a}", headers: '{ /* mine */ "authorization": "Bearer x" }' });
    expect(only.dropped).toEqual(["authorization"]);
    expect(readShare(hashOf(only.url))?.headers).toBeUndefined();
  });

  it("leave out headers that cannot be read, saying why", () => {
    const { url, dropped } = shareLinkWithInfo(BASE, { query: "{a}", headers: "Authorization: Bearer secret" });
    expect(dropped).toEqual([HEADERS_NOT_JSON]);
    expect(readShare(hashOf(url))?.headers).toBeUndefined();
    expect(decodeURIComponent(url)).not.toContain("secret");
    expect(describeDropped(dropped)).toMatch(/not a JSON object/);
    expect(describeDropped([])).toBe("");
  });

  it.each([
    ["nothing", ""],
    ["no share parameter", "?other=1"],
    ["an empty share", "?share="],
    ["not base64", "?share=%%%%"],
    ["not deflate data", "?share=aGVsbG8gd29ybGQ"],
    ["cut short", shareLink(BASE, { query: "query LongEnough { tasks { _id name status } }" }).slice(0, -12)],
    ["JSON of another shape", `?share=${encodeShare({ v: 1, q: 5 })}`],
    ["a later format", `?share=${encodeShare({ v: 2, q: "{a}" })}`],
    ["a JSON array", `?share=${encodeShare([1, 2])}`],
  ])("return undefined for %s, never throwing", (_name, input) => {
    expect(readShare(input.includes("#") ? hashOf(input) : input)).toBeUndefined();
  });

  it("drop a Run-as identity that is not one", () => {
    const share = readShare(`?share=${encodeShare({ v: 1, q: "{a}", r: { kind: "user", userId: 3 } })}`);
    expect(share).toEqual({ query: "{a}" });
  });

  it("refuse data that inflates beyond what a link may hold", () => {
    const huge = { v: 1, q: "x".repeat(3 * 1024 * 1024) };
    expect(readShare(`?share=${encodeShare(huge)}`)).toBeUndefined();
  });
});

import { deflateSync, strToU8 } from "fflate";
function encodeShare(value: unknown): string {
  const bytes = deflateSync(strToU8(JSON.stringify(value)));
  return Buffer.from(bytes).toString("base64url");
}

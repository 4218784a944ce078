import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { asApolloClient, asCurl, asFetch, sandboxGraphqlUrl, shellQuote, type CopyRequest } from "../../../src/ui/state/copy-as.ts";

const URL_ = sandboxGraphqlUrl("https://example.github.io/realm-sandbox/index.html", "tasktracker-abcde");
const TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.sig";
const tricky: CopyRequest = {
  url: URL_,
  token: TOKEN,
  query: "# Ada's tasks, with `backticks`, ${not an interpolation} and a \\ backslash\nquery Mine($name: String) {\n  tasks(query: {name: $name}) { _id name }\n}",
  variables: { name: "it's \"done\" — ✓" },
  operationName: "Mine",
};

const dir = mkdtempSync(join(tmpdir(), "copy-as-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Node parses the text as an ES module (imports and top-level await allowed) without running it. */
function checkModule(source: string, name: string): void {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  execFileSync(process.execPath, ["--check", file]);
}

/** What bash would pass to curl as arguments, without running curl. */
function curlArguments(command: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\nACCESS_TOKEN=from-env\n${command}`;
  const out = execFileSync("bash", ["-c", script], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("copy as", () => {
  it("makes the app's GraphQL URL beside the page, under a sub-path", () => {
    expect(URL_).toBe("https://example.github.io/realm-sandbox/api/client/v2.0/app/tasktracker-abcde/graphql");
  });

  it("quotes single quotes for the shell so curl gets the exact body", () => {
    const args = curlArguments(asCurl(tricky));
    expect(args[0]).toBe(URL_);
    expect(args).toContain("Authorization: Bearer from-env");
    const body = JSON.parse(args[args.indexOf("--data-raw") + 1]);
    expect(body).toEqual({ query: tricky.query, variables: tricky.variables, operationName: "Mine" });
  });

  it("leaves the token out of curl unless asked, and then quotes it", () => {
    const placeholder = asCurl(tricky);
    expect(placeholder).not.toContain(TOKEN);
    expect(placeholder).toMatch(/^# First: export ACCESS_TOKEN=/);
    const included = curlArguments(asCurl(tricky, { includeToken: true }));
    expect(included).toContain(`Authorization: Bearer ${TOKEN}`);
  });

  it("quotes the way a POSIX shell reads it", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(curlArguments(`curl ${shellQuote("a'b\"c$HOME`x`\n")}`)).toEqual(["a'b\"c$HOME`x`\n"]);
  });

  it("writes fetch as JavaScript that parses and sends the same body", async () => {
    for (const includeToken of [false, true]) checkModule(asFetch(tricky, { includeToken }), `fetch-${includeToken}`);
    const source = asFetch(tricky, { includeToken: true });
    let sent: { url: string; init: RequestInit } | undefined;
    const fakeFetch = async (url: string, init: RequestInit) => {
      sent = { url, init };
      return { json: async () => ({ data: {} }) };
    };
    const run = new Function("fetch", "console", `return (async () => {\n${source}\n})();`);
    await run(fakeFetch, { log: () => {} });
    expect(sent!.url).toBe(URL_);
    expect(JSON.parse(sent!.init.body as string)).toEqual({ query: tricky.query, variables: tricky.variables, operationName: "Mine" });
    expect((sent!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    expect(asFetch(tricky)).not.toContain(TOKEN);
  });

  it("writes an Apollo Client 3 call that parses, with the chosen operation alone", async () => {
    const doc: CopyRequest = {
      url: URL_,
      query: "query Other { tasks { ...Bits } }\nmutation AddTask($data: TaskInsertInput!) { insertOneTask(data: $data) { ...Bits } }\nfragment Bits on Task { _id name }\nfragment Unused on Task { status }",
      variables: '{"data": {"name": "Write `docs`"}}',
      operationName: "AddTask",
    };
    const source = asApolloClient(doc);
    checkModule(source, "apollo");
    expect(source).toContain('import { ApolloClient, InMemoryCache, gql } from "@apollo/client";');
    expect(source).toContain("cache: new InMemoryCache()");
    expect(source).toContain("client.mutate({");
    expect(source).not.toContain("Unused");
    expect(source).not.toContain("query Other");
    checkModule(asApolloClient(tricky, { includeToken: true }), "apollo-tricky");
    expect(asApolloClient(tricky)).toContain("client.query({");
  });

  it("the Apollo document is what gql reads back", async () => {
    const { gql } = await import("@apollo/client/core/index.js");
    const source = asApolloClient(tricky);
    const literal = source.slice(source.indexOf("gql`") + 3, source.indexOf("`,\n") + 1);
    const text = new Function(`return ${literal};`)() as string;
    expect(text).toBe(tricky.query);
    expect(gql(text).definitions).toHaveLength(1);
  });

  it.each([
    ["no variables", undefined],
    ["empty text", "  "],
    ["an empty object", {}],
    ["text that is not JSON", "{ name: "],
  ])("leaves variables out for %s", (_name, variables) => {
    const req = { url: URL_, query: "{ tasks { _id } }", variables };
    expect(asFetch(req)).not.toContain("variables");
    expect(asApolloClient(req)).not.toContain("variables");
    expect(JSON.parse(curlArguments(asCurl(req)).at(-1)!)).toEqual({ query: req.query });
  });

  it("keeps a query that does not parse as it is", () => {
    const req = { url: URL_, query: "mutation { broken" };
    const source = asApolloClient(req);
    expect(source).toContain("gql`mutation { broken`");
    expect(source).toContain("client.mutate(");
  });
});

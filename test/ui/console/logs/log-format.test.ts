import { describe, expect, it } from "vitest";

import { duration, exportText, filtersInHash, savedFilters, saveFilters, shortSummary } from "../../../../src/ui/console/logs/log-format.ts";
import { logQuery, NO_FILTERS } from "../../../../src/ui/state/logs-api.ts";
import type { LogRow } from "../../../../src/ui/state/logs-api.ts";

const row = (over: Partial<LogRow>): LogRow => ({ seq: 1, time: Date.UTC(2026, 10, 30, 12), type: "request", status: "ok", summary: "s", ...over });

describe("shortSummary", () => {
  const cases: [string, Partial<LogRow>, string][] = [
    ["a function call without the client API's prefix", { summary: "POST /api/client/v2.0/app/x-abc/functions/call 200", details: { method: "POST", path: "/api/client/v2.0/app/x-abc/functions/call", status: 200, function: "find", service: "mongodb-atlas" } }, "POST /functions/call 200 · find"],
    ["a call to another service names it", { details: { method: "POST", path: "/api/client/v2.0/app/x/functions/call", status: 200, function: "send", service: "http" } }, "POST /functions/call 200 · send (http)"],
    ["a GraphQL request with its operation", { details: { method: "POST", path: "/api/client/v2.0/app/x/graphql", status: 200, operationName: "AllTasks" } }, "POST /graphql 200 · AllTasks"],
    ["other entries as summarized", { type: "function", summary: "function onNewUser", details: { function: "onNewUser" } }, "function onNewUser"],
    ["a read the rules withheld from says how many", { details: { method: "POST", path: "/api/client/v2.0/app/x/functions/call", status: 200, function: "find", service: "mongodb-atlas", withheld: [{ namespace: "t.a", documents: 2, documentIds: [], fieldsHidden: 1, fieldsHiddenIds: [] }] } }, "POST /functions/call 200 · find · 3 withheld by rules"],
    ["so does a GraphQL entry", { type: "graphql", summary: "GraphQL AllTasks", details: { withheld: [{ namespace: "t.a", documents: 1, documentIds: [], fieldsHidden: 0, fieldsHiddenIds: [] }] } }, "GraphQL AllTasks · 1 withheld by rules"],
  ];
  it.each(cases)("%s", (_name, over, expected) => expect(shortSummary(row(over))).toBe(expected));
});

describe("duration", () => {
  it.each([[undefined, ""], [7, "7 ms"], [0.4, "0 ms"], [1234, "1.23 s"]] as const)("%s → %s", (ms, text) => expect(duration(ms)).toBe(text));
});

describe("exportText", () => {
  const rows = [row({ seq: 2, explainable: true, userEmail: "ada@example.com" }), row({ seq: 1 })];
  it("writes one JSON object a line, with ISO times and without the screen's own marks", () => {
    const lines = exportText(rows, "jsonl").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { seq: 2, time: "2026-11-30T12:00:00.000Z", type: "request", status: "ok", summary: "s", userEmail: "ada@example.com" },
      { seq: 1, time: "2026-11-30T12:00:00.000Z", type: "request", status: "ok", summary: "s" },
    ]);
  });
  it("writes one JSON array", () => expect(JSON.parse(exportText(rows, "json")).map((r: LogRow) => r.seq)).toEqual([2, 1]));
  it("writes nothing for no entries", () => expect(exportText([], "jsonl")).toBe(""));
});

describe("the filters", () => {
  it("keeps them per app, and ignores a damaged entry", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveFilters("a", { ...NO_FILTERS, type: "rules", q: "denied" }, storage);
    expect(savedFilters("a", storage)).toEqual({ ...NO_FILTERS, type: "rules", q: "denied" });
    expect(savedFilters("b", storage)).toEqual(NO_FILTERS);
    store.set("realm-sandbox:logs:filters:b", "{not json");
    expect(savedFilters("b", storage)).toEqual(NO_FILTERS);
  });

  const queries: [string, Partial<typeof NO_FILTERS>, object, Record<string, string>][] = [
    ["no filters", {}, {}, { limit: "1000" }],
    ["type, status, user and trimmed text", { type: "rules", status: "error", user: "u1", q: "  not permitted " }, {}, { type: "rules", status: "error", user: "u1", q: "not permitted", limit: "1000" }],
    ["paging", {}, { after: 5, limit: 10 }, { after: "5", limit: "10" }],
  ];
  it.each(queries)("asks with %s", (_name, filters, page, expected) => {
    expect(Object.fromEntries(new URLSearchParams(logQuery({ ...NO_FILTERS, ...filters }, page)))).toEqual(expected);
  });
  it("takes the whole last minute of the range", () => {
    const params = new URLSearchParams(logQuery({ ...NO_FILTERS, from: "2026-11-30T12:00", to: "2026-11-30T12:05" }));
    expect(Number(params.get("to")) - Number(params.get("from"))).toBe(5 * 60_000 + 59_999);
  });
});

describe("filtersInHash", () => {
  const cases: [string, object | undefined][] = [
    ["#/logs", undefined],
    ["#/logs?other=1", undefined],
    ["#/logs?type=function&q=hello", { ...NO_FILTERS, type: "function", q: "hello" }],
    ["#/logs?user=u1&status=error", { ...NO_FILTERS, user: "u1", status: "error" }],
  ];
  it.each(cases)("%s", (hash, expected) => expect(filtersInHash(hash)).toEqual(expected));
});

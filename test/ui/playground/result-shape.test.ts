import { describe, expect, it } from "vitest";

import { cellText, firstObjectList, nullsIn } from "../../../src/ui/playground/result-shape.ts";
import { parseHeaders, parseVariables } from "../../../src/ui/playground/request-inputs.ts";

describe("firstObjectList", () => {
  it("finds the first list of objects with every key as a column", () => {
    const found = firstObjectList({ user: { name: "a" }, tasks: [{ name: "x" }, { name: "y", status: "Open" }] });
    expect(found).toEqual({ path: "tasks", rows: [{ name: "x" }, { name: "y", status: "Open" }], columns: ["name", "status"] });
  });

  it("looks into nested objects and skips lists of scalars", () => {
    expect(firstObjectList({ ids: ["1", "2"], user: { tasks: [{ _id: "1" }] } })?.path).toBe("user.tasks");
    expect(firstObjectList({ ids: ["1", "2"] })).toBeUndefined();
  });

  it("shows cells as short text", () => {
    expect([cellText(null), cellText("a"), cellText(3), cellText({ name: "b" })]).toEqual(["null", "a", "3", '{"name":"b"}']);
  });
});

describe("nullsIn", () => {
  it("lists nulls with their path, a root null as a missing document, skipping errors' paths", () => {
    const data = { task: null, tasks: [{ name: "x", assignee: null }, { name: null }] };
    expect(nullsIn(data, [["tasks", 1, "name"]])).toEqual([
      { path: ["task"], root: true },
      { path: ["tasks", 0, "assignee"], root: false },
    ]);
  });
});

describe("request inputs", () => {
  it("reads variables as a JSON object, empty as none", () => {
    expect(parseVariables("")).toEqual({ value: undefined });
    expect(parseVariables('{"a": 1}')).toEqual({ value: { a: 1 } });
    expect(parseVariables("{a: 1}").error).toMatch(/not valid JSON.*Nothing was run/);
    expect(parseVariables("[1]").error).toMatch(/must be a JSON object/);
  });

  it("reads headers as strings", () => {
    expect(parseHeaders('{"x-a": "1"}')).toEqual({ value: { "x-a": "1" } });
    expect(parseHeaders('{"x-a": 1}').error).toMatch(/"x-a" must be a string/);
  });
});

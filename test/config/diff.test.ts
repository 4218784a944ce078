import { describe, expect, it } from "vitest";
import { diffApps, isEmptyDiff } from "../../src/config/index.ts";

describe("diffApps", () => {
  it.each([
    ["identical", { a: "1" }, { a: "1" }, { added: [], removed: [], modified: [] }],
    ["added", { a: "1" }, { a: "1", c: "3", b: "2" }, { added: ["b", "c"], removed: [], modified: [] }],
    ["removed", { b: "1", a: "2" }, {}, { added: [], removed: ["a", "b"], modified: [] }],
    ["modified", { a: "1", b: "2" }, { a: "1", b: "2\n" }, { added: [], removed: [], modified: ["b"] }],
    [
      "mixed, sorted",
      { "z.json": "1", "m.json": "1", "a.json": "1" },
      { "z.json": "2", "b.json": "1", "m.json": "1" },
      { added: ["b.json"], removed: ["a.json"], modified: ["z.json"] },
    ],
  ])("%s", (_name, before, after, expected) => {
    expect(diffApps(before, after)).toEqual(expected);
  });

  it("treats inherited property names as ordinary paths", () => {
    expect(diffApps({}, { constructor: "x" }).added).toEqual(["constructor"]);
  });

  it("isEmptyDiff", () => {
    expect(isEmptyDiff(diffApps({ a: "1" }, { a: "1" }))).toBe(true);
    expect(isEmptyDiff(diffApps({ a: "1" }, { a: "2" }))).toBe(false);
  });
});

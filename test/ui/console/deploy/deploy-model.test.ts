import { describe, expect, it } from "vitest";

import { fileEntries, languageOf } from "../../../../src/ui/console/deploy/file-entries.ts";
import { placeProblem, problemsByFile } from "../../../../src/ui/console/deploy/problem-lines.ts";
import { changeSummary, shortId } from "../../../../src/ui/console/deploy/history-labels.ts";

describe("the Deployment screen's file list", () => {
  it("tells added, modified, removed and unchanged files apart, changes first", () => {
    const before = { "a.json": "1", "b.json": "2", "c.json": "3" };
    const after = { "a.json": "1", "b.json": "20", "d.json": "4" };
    const entries = fileEntries(before, after, new Map([["e.json", [{ path: "e.json", message: "broken" }]]]), new Set(["b.json"]));
    expect(entries.map((e) => [e.path, e.kind])).toEqual([
      ["d.json", "added"],
      ["b.json", "modified"],
      ["c.json", "removed"],
      ["a.json", "unchanged"],
      ["e.json", "unchanged"],
    ]);
    expect(entries.find((e) => e.path === "b.json")?.edited).toBe(true);
    expect(entries.find((e) => e.path === "e.json")?.problems).toHaveLength(1);
    expect([languageOf("functions/f.js"), languageOf("x.json"), languageOf("README.md")]).toEqual(["javascript", "json", "text"]);
  });
});

describe("deploy problems placed on their line", () => {
  const rules = '{\n  "roles": [\n    {\n      "name": "owner",\n      "apply_when": {}\n    }\n  ]\n}\n';

  it.each([
    ["a line the message gives", { path: "functions/f.js", message: "syntax error at line 7: Unexpected token" }, undefined, 7],
    ["a JSON syntax error", { path: "values/v.json", message: "invalid JSON at line 3, column 1: expected a value" }, undefined, 3],
    ["the key the message names", { path: "x/rules.json", message: "roles[0].apply_when must not be empty" }, rules, 5],
    ["a quoted key", { path: "x/rules.json", message: 'missing required key "roles[0].name"' }, rules, 4],
    ["nothing known", { path: "x/rules.json", message: "the file is not used" }, rules, undefined],
  ])("%s", (_, problem, text, line) => {
    expect(placeProblem(problem, text).line).toBe(line);
  });

  it("groups problems by file", () => {
    const grouped = problemsByFile(
      [
        { path: "a.json", message: "invalid JSON at line 2, column 1" },
        { path: "b.js", message: "no line here" },
        { path: "a.json", message: "invalid JSON at line 9, column 1" },
      ],
      () => undefined,
    );
    expect([...grouped.keys()]).toEqual(["a.json", "b.js"]);
    expect(grouped.get("a.json")?.map((p) => p.line)).toEqual([2, 9]);
  });
});

describe("history labels", () => {
  it("names versions by the end of their id and sums up their changes", () => {
    expect(shortId("656f0a0b0c0d0e0f10111213")).toBe("111213");
    const entry = (added: string[], modified: string[], removed: string[]) =>
      ({ _id: "x", name: "x", app_id: "a", deployed_at: 0, origin: "UI", status: "successful", diff: { added, modified, removed } }) as const;
    expect(changeSummary(entry(["a"], [], []))).toBe("1 added file");
    expect(changeSummary(entry(["a"], ["b", "c"], ["d"]))).toBe("1 added, 2 modified, 1 removed files");
    expect(changeSummary(entry([], [], []))).toBe("no file changed");
  });
});

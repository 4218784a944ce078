import { describe, expect, it } from "vitest";

import { setFunction } from "../../../../src/config/edit.ts";
import { isValidFunctionName } from "../../../../src/config/parse-functions.ts";
import { checkFunctionSource } from "../../../../src/functions/check-source.ts";
import {
  FUNCTIONS_CONFIG,
  functionFiles,
  listFunctions,
  nameProblem,
  problemLine,
  removalFiles,
  starterSource,
} from "../../../../src/ui/console/functions/function-files.ts";
import { UnsavedFunctions } from "../../../../src/ui/console/functions/unsaved.ts";

const files = {
  [FUNCTIONS_CONFIG]: JSON.stringify([{ name: "b", private: true, extra: 1 }, { name: "a" }, { name: "missing" }]),
  "functions/a.js": "exports = () => 'a';",
  "functions/b.js": "exports = () => 'b';",
  "functions/utils/unlisted.js": "exports = () => 'u';",
  "functions/node_modules/x/index.js": "module.exports = 1;",
};

describe("the Functions screen's view of the draft", () => {
  it("lists entries with their sources, and sources without an entry, by name", () => {
    expect(listFunctions(files).map((f) => [f.name, f.listed, f.source !== undefined])).toEqual([
      ["a", true, true],
      ["b", true, true],
      ["missing", true, false],
      ["utils/unlisted", false, true],
    ]);
    expect(listFunctions({ [FUNCTIONS_CONFIG]: "not json" })).toEqual([]);
  });

  it.each(["createNewUserDocument", "utils/format", "a-b_c", "who am i", "a.b", "/a", "a/", "a//b", "", "ünï"])("checks the name %j as deploy does", (name) => {
    expect(nameProblem(name, []) === undefined).toBe(isValidFunctionName(name));
  });

  it("refuses a name that is taken", () => {
    expect(nameProblem("a", ["a"])).toMatch(/already a function named a/);
  });

  it("writes the entry in place, keeping unknown keys and the order, as the config layer's setFunction does", () => {
    const settings = { name: "b", private: false, extra: 1, run_as_system: true };
    const page = functionFiles(files, settings, "exports = () => 2;");
    const model = setFunction(files, settings, "exports = () => 2;");
    expect(JSON.parse(page[FUNCTIONS_CONFIG])).toEqual(JSON.parse(model[FUNCTIONS_CONFIG]));
    expect(page["functions/b.js"]).toBe(model["functions/b.js"]);
    const added = functionFiles(files, { name: "c" }, "x");
    expect(JSON.parse(added[FUNCTIONS_CONFIG]).map((e: { name: string }) => e.name)).toEqual(["b", "a", "missing", "c"]);
  });

  it("removes the entry and the source; a missing source is not asked to be removed", () => {
    expect(removalFiles(files, "a")).toEqual({ set: { [FUNCTIONS_CONFIG]: expect.any(String) }, remove: ["functions/a.js"] });
    expect(JSON.parse(removalFiles(files, "a").set[FUNCTIONS_CONFIG]).map((e: { name: string }) => e.name)).toEqual(["b", "missing"]);
    expect(removalFiles(files, "missing").remove).toEqual([]);
  });

  it("starts new functions from a source that deploys", () => {
    expect(checkFunctionSource(starterSource("utils/greet"))).toEqual([]);
  });

  it("reads the line of a deploy problem", () => {
    expect(problemLine("syntax error at line 12: Unexpected token ')'")).toBe(12);
    expect(problemLine("syntax error: something")).toBeUndefined();
  });

  it("keeps unsaved edits per app and function until removed", () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const unsaved = new UnsavedFunctions(storage);
    expect(unsaved.set("app", "utils/a", { source: "x", settings: { name: "utils/a" }, canEvaluate: "{}" }, 5)).toBe(true);
    expect(unsaved.get("app", "utils/a")).toEqual({ source: "x", settings: { name: "utils/a" }, canEvaluate: "{}", at: 5 });
    expect(unsaved.get("other", "utils/a")).toBeUndefined();
    unsaved.remove("app", "utils/a");
    expect(unsaved.get("app", "utils/a")).toBeUndefined();
  });
});

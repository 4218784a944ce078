import { describe, expect, it } from "vitest";

import { compilePattern } from "../../src/schema/regex.ts";
import { validateDocument, type JsonSchema } from "../../src/schema/index.ts";

const NEAR_MISS = "a".repeat(30) + "!";

describe("schema patterns", () => {
  it.each<[string, JsonSchema, Record<string, unknown>]>([
    ["pattern", { properties: { name: { bsonType: "string", pattern: "^(a+)+$" } } }, { name: NEAR_MISS }],
    ["patternProperties", { patternProperties: { "^(a+)+$": { bsonType: "int" } } }, { [NEAR_MISS]: 1 }],
  ])("match documents in linear time: %s", (_name, schema, doc) => {
    const start = performance.now();
    const issues = validateDocument(schema, doc);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(issues.map((issue) => issue.keyword)).toEqual(_name === "pattern" ? ["pattern"] : []);
  });

  it("still accept what only JavaScript runs, from the app's own configuration", () => {
    const regex = compilePattern("^(a)\\1$");
    expect(regex).toBeInstanceOf(RegExp);
    expect((regex as RegExp).test("aa")).toBe(true);
    expect(compilePattern("([a-z")).toBeInstanceOf(SyntaxError);
  });
});

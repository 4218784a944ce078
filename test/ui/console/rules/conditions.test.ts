import { describe, expect, it } from "vitest";

import { conditionValue } from "../../../../src/ui/console/rules/conditions.ts";
import { expressionCompletions } from "../../../../src/ui/console/rules/expansions.ts";
import { functionNames, listCollections, resolveTarget, schemaFields, valueNames } from "../../../../src/ui/console/rules/rules-files.ts";

describe("the condition picker's values", () => {
  it.each([
    ["equals", "%%user.id", "%%user.id"],
    ["equals", "true", true],
    ["equals", "42", 42],
    ["equals", "Open", "Open"],
    ["equals", '"quoted"', "quoted"],
    ["in", '["a", "b"]', { "%in": ["a", "b"] }],
    ["in", "a, b, 3", { "%in": ["a", "b", 3] }],
    ["in", "%%values.admins", { "%in": "%%values.admins" }],
    ["exists", "", { "%exists": true }],
    ["missing", "", { "%exists": false }],
  ] as const)("%s %j", (test, text, value) => {
    expect(conditionValue(test, text)).toEqual(value);
  });
});

describe("what the screen reads from the draft", () => {
  const files = {
    "data_sources/mongodb-atlas/config.json": "{}",
    "data_sources/other/config.json": "{}",
    "data_sources/mongodb-atlas/tracker/tasks/schema.json": JSON.stringify({ properties: { assignee: {}, address: { properties: { city: {} } } } }),
    "data_sources/mongodb-atlas/tracker/tasks/rules.json": "{}",
    "data_sources/mongodb-atlas/tracker/users/relationships.json": "{}",
    "data_sources/mongodb-atlas/default_rule.json": "{}",
    "values/adminIds.json": "{}",
    "functions/config.json": JSON.stringify([{ name: "isAuthorizedUser" }]),
  };

  it("lists collections with and without rules", () => {
    expect(listCollections(files)).toEqual([
      { service: "mongodb-atlas", database: "tracker", collection: "tasks", hasRules: true },
      { service: "mongodb-atlas", database: "tracker", collection: "users", hasRules: false },
    ]);
  });

  it("resolves routes to files", () => {
    expect(resolveTarget(files, { database: "tracker", collection: "tasks" })?.path).toBe("data_sources/mongodb-atlas/tracker/tasks/rules.json");
    expect(resolveTarget(files, { database: "new", collection: "things" })?.path).toBe("data_sources/mongodb-atlas/new/things/rules.json");
    expect(resolveTarget(files, { service: "other" })).toEqual({ kind: "default", service: "other", path: "data_sources/other/default_rule.json" });
    expect(resolveTarget(files, {})).toBeUndefined();
  });

  it("offers the schema's fields, values, functions, expansions and operators as completions", () => {
    const context = { fields: schemaFields(files, "mongodb-atlas", "tracker", "tasks"), values: valueNames(files), functions: functionNames(files) };
    expect(context).toEqual({ fields: ["assignee", "address", "address.city"], values: ["adminIds"], functions: ["isAuthorizedUser"] });
    const words = expressionCompletions(context);
    for (const word of ["%%user.id", "%%user.data.email", "%%root", "%%prevRoot", "%%this", "%%true", "%%values.adminIds", "%%environment.tag", "%%request", "%in", "$in", "%exists", "%function", "%%root.assignee", "isAuthorizedUser"]) {
      expect(words).toContain(word);
    }
  });
});

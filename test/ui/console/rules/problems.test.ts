import { describe, expect, it } from "vitest";

import { jsonLocations, scanJson } from "../../../../src/ui/console/rules/json-lines.ts";
import { describeLocation, formLocations, hintFor, locateMessage, placeProblems } from "../../../../src/ui/console/rules/problems.ts";
import { formatRulesJson, rulesToForm, type RulesForm } from "../../../../src/ui/console/rules/rules-form.ts";

const rules = {
  database: "tracker",
  collection: "tasks",
  roles: [
    { name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: "yes", fields: { address: { fields: { city: { write: 3 } } } } },
    { name: "isAssignee", apply_when: {} },
  ],
  filters: [{ name: "mine", query: { owner: "%%user.id" } }],
};
const form = (rulesToForm(rules) as { value: RulesForm }).value;
const text = formatRulesJson(rules);

// Messages as the deploy check words them (src/config/parse-rules.ts with the expression checker).
const deploy = [
  'roles[0].apply_when: assignee: "%%user" has no field "idd" (known: id, type, data, custom_data, identities) (did you mean "id"?)',
  '"roles[0].insert" must be true, false or an expression object, got string',
  '"roles[0].fields.address.fields.city.write" must be true, false or an expression object, got number',
  'duplicate role name "isAssignee"',
  'missing required key "filters[0].name"',
  '"database" is "x" but the folder says "tracker"; they must match',
  "something about the whole file",
];

describe("placing deploy's problems", () => {
  it.each([
    [deploy[0], "roles[0].apply_when"],
    [deploy[1], "roles[0].insert"],
    [deploy[2], "roles[0].fields.address.fields.city.write"],
    [deploy[4], "filters[0].name"],
    [deploy[5], "database"],
    [deploy[6], ""],
    ["roles[1].apply_when.%%usr: unknown expansion", "roles[1].apply_when"],
  ])("%s → %s", (message, location) => {
    expect(locateMessage(message, formLocations(form))).toBe(location);
  });

  it("does not take a field for another that starts the same", () => {
    expect(locateMessage("roles[0].fields.addressLine.read: x", ["roles[0].fields.address", "roles[0]"])).toBe("roles[0]");
  });

  it("puts a duplicate name on every entry that has it, and each problem on its JSON line", () => {
    const lines = jsonLocations(text);
    const placed = placeProblems(deploy, [...lines.keys()], form, lines);
    const dup = placed.filter((p) => p.message.startsWith("duplicate"));
    expect(dup.map((p) => p.location)).toEqual(["roles[0].name", "roles[1].name"]);
    const at = (location: string) => text.split("\n")[placed.find((p) => p.location === location)!.line! - 1];
    expect(at("roles[0].apply_when")).toMatch(/"assignee": "%%user.id"/);
    expect(at("roles[0].insert")).toMatch(/"insert": "yes"/);
    expect(at("roles[0].fields.address.fields.city.write")).toMatch(/"write": 3/);
    expect(placed.every((p) => p.hint !== "" || p.location === "")).toBe(true);
  });

  it("puts a syntax error on its line", () => {
    const [problem] = placeProblems(["invalid JSON at line 7, column 3: expected a value"], []);
    expect(problem.line).toBe(7);
    expect(problem.hint).toMatch(/comma, quote or bracket/);
  });

  it("says what to do", () => {
    expect(hintFor('roles[0].apply_when: %%usr: unknown expansion "%%usr"')).toMatch(/start with %%/);
    expect(hintFor('duplicate role name "a"')).toMatch(/own name/);
  });

  it("names locations in words", () => {
    expect(describeLocation("roles[0].fields.address.fields.city.write", form)).toBe("role “isAssignee” · field address › city · write");
    expect(describeLocation("filters[0].query", form)).toBe("filter “mine” · query");
    expect(describeLocation("roles[0].additional_fields.read", form)).toBe("role “isAssignee” · other fields · read");
    expect(describeLocation("", form)).toBe("the file");
  });
});

describe("JSON locations", () => {
  it("finds each value's line and the first syntax error", () => {
    const lines = jsonLocations('{\n  "a": [\n    { "b": 1 },\n    2\n  ],\n  "c": { "d\\"e": true }\n}');
    expect(Object.fromEntries(lines)).toEqual({ a: 2, "a[0]": 3, "a[0].b": 3, "a[1]": 4, c: 6, 'c.d"e': 6 });
    expect(scanJson('{\n  "a": 1,\n}').error).toEqual({ line: 3, column: 1 });
    expect(scanJson("{} x").error).toEqual({ line: 1, column: 4 });
    expect(scanJson("[1, 2]").error).toBeUndefined();
  });
});

describe("expression problems in the JSON view", () => {
  it("go to the line of the key they name inside the expression", () => {
    const text = formatRulesJson({ roles: [{ name: "r", apply_when: { a: 1, "%%usr.id": 2 } }] });
    const lines = jsonLocations(text);
    const [problem] = placeProblems(['roles[0].apply_when: %%usr.id: unknown expansion "%%usr"'], [...lines.keys()], undefined, lines);
    expect(problem.location).toBe("roles[0].apply_when");
    expect(text.split("\n")[problem.line! - 1]).toMatch(/"%%usr.id": 2/);
  });
});

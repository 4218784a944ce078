import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { addField, moveItem, removeField, updateFields, updateRole, withKey } from "../../../../src/ui/console/rules/rules-edit.ts";
import { formToRules, formatRulesJson, parseJsonText, roleToForm, rulesToForm, type RulesForm } from "../../../../src/ui/console/rules/rules-form.ts";
import { APPLY_WHEN_TEMPLATES, DEFAULT_PARAMS, PERMISSION_TEMPLATES, SETUP_TEMPLATES, buildRole } from "../../../../src/ui/console/rules/templates.ts";
import { GOLDEN_SKIP_REASON, HAS_GOLDEN, REAL_APPS_DIR, readDirectory } from "../../../helpers/golden.ts";

/** JSON → form → JSON gives the same object, key order included; form → JSON → form the same form. */
function expectRoundTrip(json: unknown): RulesForm {
  const form = rulesToForm(json);
  if (!form.ok) throw new Error(`not convertible: ${JSON.stringify(form.problems)}`);
  const back = formToRules(form.value);
  if (!back.ok) throw new Error(`not convertible back: ${JSON.stringify(back.problems)}`);
  expect(JSON.stringify(back.value)).toBe(JSON.stringify(json));
  const again = rulesToForm(back.value);
  expect(again.ok && again.value).toEqual(form.value);
  return form.value;
}

const cases: [string, unknown][] = [
  ["the tutorial's tasks roles", {
    database: "tracker",
    collection: "tasks",
    roles: [
      { name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true, fields: {}, additional_fields: {} },
      { name: "default", apply_when: {}, insert: false, delete: false, read: true, write: false, fields: {}, additional_fields: {} },
    ],
    filters: [],
  }],
  ["keys in an unusual order", { roles: [{ write: true, name: "w", apply_when: {} }], collection: "c", database: "d" }],
  ["keys the form does not know, at every level", {
    id: "5f1",
    schema: { title: "Task" },
    roles: [{ name: "r", apply_when: {}, extra: [1, 2], fields: { a: { read: true, note: "kept", fields: { b: { write: true, x: null } } } }, additional_fields: { read: true, other: 1 } }],
    filters: [{ name: "f", apply_when: { "%%true": true }, query: { owner: "%%user.id" }, projection: { secret: 0 }, comment: "kept" }],
  }],
  ["expressions as permissions", { roles: [{ name: "insertOnly", apply_when: {}, insert: true, delete: false, write: { "%%prevRoot": { "%exists": false } }, additional_fields: {} }] }],
  ["nested field permissions", {
    roles: [{ name: "canReadEmbeddedField", apply_when: {}, delete: true, insert: true, fields: { someEmbeddedDocument: { fields: { someEmbeddedField: { read: true, write: true } } } }, additional_fields: {} }],
  }],
  ["Rules v2 document filters and search", {
    roles: [{ name: "r", apply_when: { "%%user.custom_data.isAdmin": true }, document_filters: { read: true, write: { owner_id: "%%user.id" } }, read: true, write: true, insert: true, delete: true, search: true }],
  }],
  ["values the deploy check refuses are still kept", { roles: [{ name: "r", apply_when: "oops", insert: "yes", read: 1, write: null }] }],
  ["no roles or filters key", { database: "d", collection: "c" }],
  ["a role without a name or apply_when", { roles: [{ read: true }] }],
  ["a field named like an object's prototype", JSON.parse('{"roles":[{"name":"r","apply_when":{},"fields":{"__proto__":{"read":true},"constructor":{"write":false}}}]}')],
  ["unicode and numbers", { roles: [{ name: "rôle ✓", apply_when: { score: { "%gt": 1.5e3 }, "名前": "%%user.data.email" } }] }],
];

describe("rules form ⇄ JSON", () => {
  it.each(cases)("round trip: %s", (_name, json) => {
    expectRoundTrip(json);
  });

  it("holds expressions as text and fields as an ordered list", () => {
    const form = expectRoundTrip(cases[2][1]);
    const role = form.roles![0];
    expect(role.apply_when).toBe("{}");
    expect(role.fields!.map((f) => f.field)).toEqual(["a"]);
    expect(role.fields![0].rule.fields![0]).toEqual({ field: "b", rule: { write: true, x: null } });
    expect(form.filters![0].query).toBe('{\n  "owner": "%%user.id"\n}');
  });

  it.each([
    ["not an object", [1], ""],
    ["roles not a list", { roles: {} }, "roles"],
    ["a role not an object", { roles: ["r"] }, "roles[0]"],
    ["a name that is not text", { roles: [{ name: 3 }] }, "roles[0].name"],
    ["fields not an object", { roles: [{ name: "r", fields: [] }] }, "roles[0].fields"],
    ["a field rule not an object", { roles: [{ name: "r", fields: { a: true } }] }, "roles[0].fields.a"],
    ["additional_fields not an object", { roles: [{ name: "r", additional_fields: true }] }, "roles[0].additional_fields"],
    ["a filter not an object", { filters: [null] }, "filters[0]"],
  ])("refuses to show what the form cannot hold: %s", (_name, json, location) => {
    const form = rulesToForm(json);
    expect(form.ok).toBe(false);
    if (!form.ok) expect(form.problems[0].location).toBe(location);
  });

  it("refuses to write JSON while an expression's text is not JSON, saying where", () => {
    const form = rulesToForm(cases[0][1]);
    if (!form.ok) throw new Error("unexpected");
    const edited = updateRole(form.value, 0, (r) => withKey(r, "apply_when", '{ "assignee": %%user.id }'));
    const json = formToRules(edited);
    expect(json.ok).toBe(false);
    if (!json.ok) {
      expect(json.problems[0].location).toBe("roles[0].apply_when");
      expect(json.problems[0].message).toMatch(/^not valid JSON at line 1, column 15/);
    }
  });

  it("edits keep every other key where it was", () => {
    const form = rulesToForm(cases[2][1]);
    if (!form.ok) throw new Error("unexpected");
    let edited = updateRole(form.value, 0, (r) => withKey(r, "insert", false));
    edited = updateRole(edited, 0, (r) => withKey(r, "fields", addField(r.fields, ["a"], "c")));
    edited = updateRole(edited, 0, (r) => withKey(r, "fields", updateFields(r.fields, ["a", "b"], (rule) => withKey(rule, "write", { expression: "{}" }))));
    const json = formToRules(edited);
    expect(json.ok && json.value.roles).toEqual([
      { name: "r", apply_when: {}, extra: [1, 2], fields: { a: { read: true, note: "kept", fields: { b: { write: {}, x: null }, c: {} } } }, additional_fields: { read: true, other: 1 }, insert: false },
    ]);
    const removed = updateRole(edited, 0, (r) => withKey(r, "fields", removeField(r.fields, ["a", "b"])));
    const removedJson = formToRules(removed);
    expect(removedJson.ok && (removedJson.value.roles as { fields: unknown }[])[0].fields).toEqual({ a: { read: true, note: "kept", fields: { c: {} } } });
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });

  it("writes files as the App Services CLI does", () => {
    expect(formatRulesJson({ roles: [] })).toBe('{\n    "roles": []\n}\n');
  });

  it.each([
    ["", /^empty/],
    ["{", /^not valid JSON at line 1, column 2/],
    ['{\n  "a": 1,\n}', /^not valid JSON at line 3, column 1/],
  ])("parse errors say where: %j", (text, message) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("role templates", () => {
  const params = { ...DEFAULT_PARAMS, field: "assignee", fields: "status, name", email: "a@b.c", emails: "a@b.c, d@e.f", function: "canEdit" };

  it.each(SETUP_TEMPLATES.map((t) => [t.id, t] as const))("setup %s gives roles the form can show", (_id, template) => {
    for (const role of template.roles(params)) expect(roleToForm(role).ok).toBe(true);
  });

  it("every condition combines with every set of permissions", () => {
    for (const applyWhen of APPLY_WHEN_TEMPLATES) {
      for (const permissions of PERMISSION_TEMPLATES) {
        const role = buildRole("r", applyWhen, permissions, params);
        expect(roleToForm(role).ok).toBe(true);
        expectRoundTrip({ roles: [role] });
      }
    }
  });

  it("builds the guide's isAssignee role", () => {
    const owner = APPLY_WHEN_TEMPLATES.find((t) => t.id === "owner")!;
    const readWrite = PERMISSION_TEMPLATES.find((t) => t.id === "read-write")!;
    expect(buildRole("isAssignee", owner, readWrite, params)).toEqual({ name: "isAssignee", apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true });
  });

  it("the insert-only pattern writes only while the document does not exist", () => {
    const setup = SETUP_TEMPLATES.find((t) => t.id === "insert-only")!;
    expect(setup.roles(params)[0]).toEqual({ name: "insertOnly", apply_when: {}, insert: true, delete: false, write: { "%%prevRoot": { "%exists": false } }, additional_fields: {} });
  });
});

describe.skipIf(!HAS_GOLDEN)("real rules files convert without loss", () => {
  const files = HAS_GOLDEN ? readDirectory(REAL_APPS_DIR) : {};
  const rules = Object.keys(files).filter((p) => /(^|\/)data_sources\/.*\/(rules|default_rule)\.json$/.test(p)).sort();

  it("finds the real rules files", () => {
    expect(rules.length).toBeGreaterThan(40);
  });

  it.each(rules)("%s", (path) => {
    expectRoundTrip(JSON.parse(readFileSync(join(REAL_APPS_DIR, path), "utf8")));
  });
});

if (!HAS_GOLDEN) it.skip(`real rules files: ${GOLDEN_SKIP_REASON}`, () => {});

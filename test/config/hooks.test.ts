import { describe, expect, it } from "vitest";
import { type ParseHooks, checkApp, parseApp } from "../../src/config/index.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { HAS_GOLDEN, edit, problemsOf, tutorialBackendExport } from "./helpers.ts";

const TASKS = "data_sources/mongodb-atlas/tracker/tasks";

function recorder() {
  const schemas: unknown[] = [];
  const expressions: Array<[unknown, string]> = [];
  const hooks: ParseHooks = {
    checkSchema: (schema) => {
      schemas.push(schema);
      return [];
    },
    checkExpression: (expr, location) => {
      expressions.push([expr, location]);
      return [];
    },
  };
  return { hooks, schemas, expressions };
}

describe("parse hooks", () => {
  it("checks every schema.json", () => {
    const { hooks, schemas } = recorder();
    parseApp(taskTracker("a-1"), hooks);
    expect(schemas.map((s: any) => s.title).sort()).toEqual(["Project", "Task", "User"]);
  });

  it.skipIf(!HAS_GOLDEN)("checks role, field, filter, function and sync expressions but not booleans", () => {
    let files = edit(taskTracker("a-1"), `${TASKS}/rules.json`, (r) => {
      r.roles[1].write = { "%%user.data.email": "boss@example.com" };
      r.roles[1].fields = { status: { read: true, write: { "%%true": true } } };
      r.roles[1].additional_fields = { read: { "%%root.name": { "%exists": true } } };
      r.filters = [{ name: "mine", apply_when: { "%%user.id": { "%exists": true } }, query: { assignee: "%%user.id" }, projection: {} }];
    });
    files = { ...files, ...tutorialBackendExport() };
    const { hooks, expressions } = recorder();
    parseApp(files, hooks);
    const locations = expressions.map(([, loc]) => loc);
    expect(locations).toEqual(
      expect.arrayContaining([
        "roles[0].apply_when",
        "roles[1].apply_when",
        "roles[1].write",
        "roles[1].fields.status.write",
        "roles[1].additional_fields.read",
        "filters[0].apply_when",
        "createNewUserDocument.can_evaluate",
        "partition.permissions.read",
        "partition.permissions.write",
      ]),
    );
    expect(locations).not.toContain("roles[1].fields.status.read");
    expect(expressions).toContainEqual([{ assignee: "%%user.id" }, "roles[0].apply_when"]);
    expect(expressions.every(([expr]) => typeof expr === "object")).toBe(true);
  });

  it("reports hook messages against the file, with the location for expressions", () => {
    const hooks: ParseHooks = {
      checkSchema: (schema) => (schema.title === "Task" ? ['unknown bsonType "strin" at properties.status'] : []),
      checkExpression: (expr) => (JSON.stringify(expr).includes("%%user.id") ? ["unknown expansion %%user.id"] : []),
    };
    const { problems } = problemsOf(() => parseApp(taskTracker("a-1"), hooks));
    expect(problems).toEqual([
      { path: `${TASKS}/rules.json`, message: "roles[0].apply_when: unknown expansion %%user.id" },
      { path: `${TASKS}/schema.json`, message: 'unknown bsonType "strin" at properties.status' },
    ]);
  });

  it("runs no hooks when none are given", () => {
    expect(checkApp(taskTracker("a-1")).problems).toEqual([]);
  });
});

/**
 * The Task Tracker backend tutorial ends where the built-in template is: the same
 * collections, schemas, relationship, roles, provider, custom user data, trigger and
 * functions. Allowed differences: the app's id and name, the functions' comments and
 * privacy flags as the screens write them, empty field maps in roles, and the Sync
 * settings the tutorial saves switched off (the template has none).
 */
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { taskTracker } from "../../src/app/templates/task-tracker.ts";
import { filesAfter } from "../../src/tutorial/state-at.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { readTutorial } from "./read-tutorials.ts";

type Obj = Record<string, unknown>;

/** Roles without the empty `fields` and `additional_fields` maps the template spells out. */
function withoutEmptyFieldMaps(rules: Obj): Obj {
  const roles = (rules.roles as Obj[]).map((role) => {
    const copy = { ...role };
    for (const key of ["fields", "additional_fields"]) if (JSON.stringify(copy[key]) === "{}") delete copy[key];
    return copy;
  });
  return { ...rules, roles };
}

describe("the Task Tracker backend tutorial", () => {
  const { tutorial, problems } = readTutorial("task-tracker-backend", fileURLToPath(new URL("../../tutorials", import.meta.url)));
  it("ends with the built-in template's backend", () => {
    expect(problems).toEqual([]);
    const steps = (tutorial as Tutorial).steps;
    const built = filesAfter(steps, steps.length - 1);
    const template = taskTracker("application-0", "application-0");
    expect(Object.keys(built).filter((p) => !(p in template))).toEqual(["sync/config.json"]);
    expect(Object.keys(template).filter((p) => !(p in built))).toEqual([]);
    expect(JSON.parse(built["sync/config.json"])).toMatchObject({ state: "disabled", database_name: "tracker", partition: { key: "_partition", type: "string" } });
    for (const [path, text] of Object.entries(template)) {
      if (path.endsWith(".js")) continue;
      const mine = JSON.parse(built[path]) as Obj;
      const theirs = JSON.parse(text) as Obj;
      if (path === "functions/config.json") {
        expect((mine as unknown as Obj[]).map((f) => f.name).sort(), path).toEqual((theirs as unknown as Obj[]).map((f) => f.name).sort());
      } else if (path.endsWith("/rules.json")) {
        expect(withoutEmptyFieldMaps(mine), path).toEqual(withoutEmptyFieldMaps(theirs));
      } else {
        expect(mine, path).toEqual(theirs);
      }
    }
    expect(built["functions/createNewUserDocument.js"]).toBe(template["functions/createNewUserDocument.js"]);
    expect(built["functions/resetFunc.js"]).toMatch(/return \{ status: "fail" \}/);
  });
});

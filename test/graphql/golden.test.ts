import { buildSchema, printSchema } from "graphql";
import { describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import { taskTracker } from "../../src/app/templates/index.ts";
import { appSchemaOf, buildAppSchema, printAppSchema } from "../../src/graphql/index.ts";
import { goldenMissing, GOLDEN_DIR, readGolden } from "./golden-data.ts";
import { normalizeSchema } from "./normalize.ts";

// Downloaded from the Realm UI for the tutorial backend on June 9, 2020 (the schema the web client was built against).
const GOLDEN_SDL = "task-tracker-2020-06-09.graphql";
const missing = goldenMissing(`${GOLDEN_DIR}/${GOLDEN_SDL}`);

describe("golden SDL: Task Tracker backend, June 9 2020", () => {
  if (missing) return void it.skip(`skipped: ${missing}`, () => {});
  const model = parseApp(taskTracker("golden"));
  const golden = buildSchema(readGolden(GOLDEN_SDL));
  const goldenTypes = new Set(Object.keys(golden.getTypeMap()));

  it("the template defines exactly the collections the golden schema covers", () => {
    const generated = Object.keys(normalizeSchema(buildAppSchema(model)));
    expect(generated).toEqual(Object.keys(normalizeSchema(golden)));
  });

  it("generates the golden schema, ignoring field, argument and type order", () => {
    const generated = normalizeSchema(buildAppSchema(model), (name) => goldenTypes.has(name));
    expect(generated).toEqual(normalizeSchema(golden));
  });

  it("prints SDL that round-trips", () => {
    const printed = printAppSchema(model);
    expect(printSchema(buildSchema(printed))).toBe(printed);
    expect(printed).toContain("tasks(query: TaskQueryInput, limit: Int = 100, sortBy: TaskSortByInput): [Task]!");
    expect(printed).toContain("input TaskAssigneeRelationInput {\n  link: String\n  create: UserInsertInput\n}");
  });

  it("has nothing to warn about", () => {
    expect(appSchemaOf(model).warnings).toEqual([]);
  });
});

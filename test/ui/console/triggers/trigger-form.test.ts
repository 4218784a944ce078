import { describe, expect, it } from "vitest";

import {
  fieldOfProblem,
  functionOf,
  newTrigger,
  operationsOf,
  parseObject,
  starterSource,
  suggestedFunctionName,
  toggled,
  withFunction,
  withOperations,
} from "../../../../src/ui/console/triggers/trigger-form.ts";
import type { TriggerFile } from "../../../../src/config/types.ts";

const guide: TriggerFile = {
  name: "onNewUser",
  type: "AUTHENTICATION",
  config: { operation_type: "CREATE", providers: ["local-userpass"] },
  function_name: "createNewUserDocument",
  disabled: false,
};

describe("the trigger form's model", () => {
  it("reads the guide's single operation_type and keeps that form while one is chosen", () => {
    expect(operationsOf(guide)).toEqual(["CREATE"]);
    expect(withOperations(guide, ["LOGIN"]).config).toEqual({ operation_type: "LOGIN", providers: ["local-userpass"] });
    expect(withOperations(guide, ["CREATE", "LOGIN"]).config).toEqual({ operation_types: ["CREATE", "LOGIN"], providers: ["local-userpass"] });
  });

  it("links a function the way the file does: function_name, or event_processors in later exports", () => {
    expect(withFunction(guide, "other").function_name).toBe("other");
    const later: TriggerFile = { name: "t", type: "SCHEDULED", config: { schedule: "* * * * *" }, event_processors: { FUNCTION: { config: { function_name: "a" } } } };
    expect(functionOf(later)).toBe("a");
    const linked = withFunction(later, "b");
    expect(linked.function_name).toBeUndefined();
    expect(functionOf(linked)).toBe("b");
  });

  it("keeps operation types in the documented order", () => {
    expect(toggled(["UPDATE"], "INSERT", true, ["INSERT", "UPDATE", "REPLACE", "DELETE"])).toEqual(["INSERT", "UPDATE"]);
    expect(toggled(["INSERT", "UPDATE"], "INSERT", false, ["INSERT", "UPDATE"])).toEqual(["UPDATE"]);
  });

  it.each([
    ["{}", true],
    ["", true],
    ['{"fullDocument.status": "Complete"}', true],
    ["[]", false],
    ["{", false],
    ["null", false],
  ])("reads %j as an object: %s", (text, ok) => expect(parseObject(text).ok).toBe(ok));

  it.each([
    ['minute "61": expected 0-59', "schedule"],
    ['"config.schedule" must be a 5-field CRON expression', "schedule"],
    ['trigger "x" calls function "f", which is not in functions/config.json', "function"],
    ['"config.service_name" is "x", but there is no data source with that name', "cluster"],
    ['missing "config.database"', "database"],
    ['unknown operation type "UPSERT"; expected one of INSERT, UPDATE, REPLACE, DELETE', "operations"],
    ['"config.providers" must name at least one provider', "providers"],
    ['trigger name "a b" must be 1-64 letters, digits, "_" or "-"', "name"],
    ["something else", "general"],
  ])("places %j beside %s", (message, field) => expect(fieldOfProblem(message)).toBe(field));

  it("does not read a trigger's name as a field", () => {
    expect(fieldOfProblem('trigger name "monthlyReport" is already used by triggers/x.json', ["monthlyReport"])).toBe("name");
    expect(fieldOfProblem('trigger "hourly" calls function "f", which is not in functions/config.json', ["hourly", "f"])).toBe("function");
  });

  it("suggests a free function name and a starting source for each type", () => {
    expect(suggestedFunctionName("nightly", ["nightlyHandler"])).toBe("nightlyHandler2");
    expect(starterSource(newTrigger("SCHEDULED"))).toContain("no arguments");
    expect(starterSource(newTrigger("AUTHENTICATION"))).toContain("authEvent");
    expect(starterSource({ ...newTrigger("DATABASE"), config: { ...newTrigger("DATABASE").config, database: "tracker", collection: "tasks" } })).toContain("tracker.tasks");
  });
});

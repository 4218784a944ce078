import { describe, expect, it } from "vitest";

import { PARSE_HOOKS as BASE_HOOKS } from "../../src/app/app.ts";
import { checkFunctionSource } from "../../src/functions/check-source.ts";
import { scheduleProblems } from "../../src/triggers/cron.ts";
import { parseApp, setFunction, setTrigger } from "../../src/config/index.ts";
import type { AppModel } from "../../src/config/types.ts";
import { environmentOf, valuesOf } from "../../src/app/policies.ts";
import { blank } from "../../src/app/templates/index.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";

/** The checks of an app with the functions and triggers layers installed. */
const PARSE_HOOKS = { ...BASE_HOOKS, checkFunctionSource, checkSchedule: scheduleProblems };

function problemsOf(files: Record<string, string>): string {
  try {
    parseApp(files, PARSE_HOOKS);
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(AppServicesError);
    return (error as Error).message;
  }
}

describe("deploy-time checks of code and schedules", () => {
  it.each([
    ["an unclosed brace", "exports = function () {\n  return 1;\n", /functions\/f\.js: syntax error at line 2: unexpected end of input/],
    ["a stray token", "exports = function () {\n  return 1 +;\n};\n", /functions\/f\.js: syntax error at line 2: Unexpected token/],
  ])("refuses a function source with %s, naming the file and line", (_, source, expected) => {
    expect(problemsOf(setFunction(blank("a"), { name: "f" }, source))).toMatch(expected);
  });

  it("accepts both App Services source forms", () => {
    const files = setFunction(setFunction(blank("a"), { name: "f" }, "exports = async function (x) { return x; };"), { name: "g" }, "exports = function () {};");
    expect(problemsOf(files)).toBe("");
  });

  it.each([["61 * * * *"], ["* * 32 * *"], ["*/0 * * * *"]])("refuses the schedule %s", (schedule) => {
    const files = setTrigger(setFunction(blank("a"), { name: "f" }, "exports = function () {};"), {
      name: "tick",
      type: "SCHEDULED",
      config: { schedule },
      function_name: "f",
      disabled: false,
    });
    expect(problemsOf(files)).toMatch(/triggers\/tick\.json: "config\.schedule": /);
  });
});

describe("values and environment as rules and functions see them", () => {
  const model = (environment: string): AppModel =>
    ({
      environment,
      values: [
        { name: "plain", value: { n: 1 }, from_secret: false },
        { name: "linked", value: "secretName", from_secret: true },
      ],
      environments: { "no-environment": { values: { tier: "none" } }, production: { values: { tier: "prod" } } },
    }) as unknown as AppModel;

  it("hides values linked to secrets", () => {
    expect(valuesOf(model(""))).toEqual({ plain: { n: 1 }, linked: undefined });
  });

  it.each([
    ["", { tag: "", values: { tier: "none" } }],
    ["production", { tag: "production", values: { tier: "prod" } }],
    ["qa", { tag: "qa", values: {} }],
  ])("environment %j", (tag, expected) => {
    expect(environmentOf(model(tag))).toEqual(expected);
  });
});

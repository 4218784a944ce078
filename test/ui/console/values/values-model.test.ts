import { describe, expect, it } from "vitest";

import { PARSE_HOOKS } from "../../../../src/app/app.ts";
import { blank } from "../../../../src/app/templates/blank.ts";
import { checkApp } from "../../../../src/config/index.ts";
import { appName, nameProblem, timeZone, withTimeZone } from "../../../../src/ui/console/settings/app-settings.ts";
import { currentEnvironment, environmentFile, environmentValues, withConfigKey } from "../../../../src/ui/console/values/environments.ts";
import { listValues, preview, valueNameProblem } from "../../../../src/ui/console/values/values-files.ts";

const files = {
  "realm_config.json": JSON.stringify({ app_id: "a-1", name: "app", environment: "development", location: "US-VA" }),
  "values/adminIds.json": JSON.stringify({ name: "adminIds", value: ["u1"], from_secret: false }),
  "values/key.json": JSON.stringify({ name: "apiKey", value: "apiKeySecret", from_secret: true }),
  "environments/development.json": JSON.stringify({ values: { apiUrl: "https://dev" } }),
};

describe("values, environments and settings as the screens read and write them", () => {
  it("lists values by name, with the file each lives in", () => {
    expect(listValues(files)).toEqual([
      { path: "values/adminIds.json", name: "adminIds", value: ["u1"], fromSecret: false },
      { path: "values/key.json", name: "apiKey", value: "apiKeySecret", fromSecret: true },
    ]);
    const values = listValues(files);
    expect(valueNameProblem("adminIds", values, undefined)).toMatch(/already a value named adminIds/);
    expect(valueNameProblem("adminIds", values, "values/adminIds.json")).toBe("");
    expect(valueNameProblem("has space", values, undefined)).toMatch(/letters, digits/);
    expect(preview("x".repeat(100))).toHaveLength(78);
  });

  it("reads the current environment and its values, and changes one key of realm_config.json", () => {
    expect(currentEnvironment(files)).toBe("development");
    expect(currentEnvironment({ "realm_config.json": '{"environment": "none"}' })).toBe("");
    expect(environmentFile("")).toBe("environments/no-environment.json");
    expect(environmentValues(files, "development")).toEqual({ apiUrl: "https://dev" });
    expect(environmentValues(files, "qa")).toEqual({});
    const changed = JSON.parse(withConfigKey(files, "environment", "qa")["realm_config.json"]);
    expect(changed).toEqual({ app_id: "a-1", name: "app", environment: "qa", location: "US-VA" });
    expect(Object.keys(withConfigKey({ "root_config.json": "{}" }, "name", "x"))).toEqual(["root_config.json"]);
  });

  it("checks the app name and keeps the time zone in sandbox/settings.json", () => {
    expect(appName(files)).toBe("app");
    expect(nameProblem("my app")).toMatch(/no spaces/);
    expect(nameProblem("a".repeat(64))).toMatch(/shorter than 64/);
    expect(nameProblem("renamed-app")).toBe("");
    expect(timeZone(files)).toBe("UTC");
    const set = withTimeZone(files, "Europe/Oslo");
    expect(JSON.parse(set["sandbox/settings.json"])).toEqual({ time_zone: "Europe/Oslo" });
    expect(timeZone(set)).toBe("Europe/Oslo");
    // A sandbox setting: deploy accepts it and says nothing about it.
    const app = { ...blank("a-1", "app"), ...withTimeZone(undefined, "Europe/Oslo") };
    const { problems, notes } = checkApp(app, PARSE_HOOKS);
    expect(problems).toEqual([]);
    expect(notes.filter((n) => n.path.startsWith("sandbox"))).toEqual([]);
  });
});

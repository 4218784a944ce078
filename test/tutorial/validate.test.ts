import { describe, expect, it } from "vitest";

import { parseTutorial } from "../../src/tutorial/parse.ts";
import { validateManifest, validateStepMeta } from "../../src/tutorial/validate.ts";

const manifest = { id: "t", title: "T", summary: "S", audience: "A", estimatedMinutes: 5, steps: ["01-a", "02-b"] };
const meta = { title: "A", route: "#/schema", target: "draft", hints: ["h"], values: [{ label: "L", text: "x" }], controls: [{ name: "Add", role: "button", route: "#/schema" }] };

describe("tutorial metadata", () => {
  it("accepts a complete manifest and step", () => {
    expect(validateManifest(manifest, "t").problems).toEqual([]);
    expect(validateStepMeta(meta, "t/01-a/index.md").problems).toEqual([]);
  });

  it.each([
    [{ ...manifest, id: "other" }, '"id" is "other" but the folder is "t"'],
    [{ ...manifest, steps: ["01-a", "03-b"] }, 'steps[1] is "03-b"; its number must be 02'],
    [{ ...manifest, steps: ["01-a", "02-a"] }, "step ids must differ; repeated: a"],
    [{ ...manifest, estimatedMinutes: 0 }, '"estimatedMinutes" must be a positive number'],
    [{ ...manifest, order: "first" }, '"order" must be a number'],
    [{ ...manifest, extra: 1 }, 'unknown field "extra"'],
  ])("names what is wrong in a manifest (%#)", (raw, message) => {
    expect(validateManifest(raw, "t").problems.join("\n")).toContain(message);
  });

  it.each([
    [{ ...meta, route: "/schema" }, '"route" must be a console route'],
    [{ ...meta, target: "live" }, '"target" must be "draft" or "deployed"'],
    [{ ...meta, values: [{ label: "L" }] }, 'give either "text" or "file"'],
    [{ ...meta, controls: [{ name: "Add", role: "knob", route: "#/" }] }, '"role" must be one of'],
    [{ ...meta, controls: [{ name: "Add", role: "button", route: "#/", after: "Open" }] }, 'comes "after" "Open", which is not a control of this step'],
    [{ ...meta, controls: [{ name: "Add", role: "button", route: "#/", option: "x" }] }, '"option" is the label of an option of a combobox'],
  ])("names what is wrong in a step (%#)", (raw, message) => {
    expect(validateStepMeta(raw, "t/01-a/index.md").problems.join("\n")).toContain(message);
  });

  it("reports missing and unlisted step folders and values that point at no solution file", () => {
    const markdown = '---\ntitle: A\nroute: "#/"\ntarget: draft\nvalues:\n  - label: Schema\n    file: schema.json\n---\nProse.\n';
    const { problems } = parseTutorial("t", JSON.stringify(manifest), { "01-a": { markdown, solution: {} }, "03-c": { markdown, solution: {} } });
    expect(problems).toEqual([
      "t/01-a/index.md: values[0] points at schema.json, which is not in the step's solution/",
      "t/02-b: listed in tutorial.json but there is no such folder",
      "t/03-c: a step folder that tutorial.json does not list",
    ]);
  });
});

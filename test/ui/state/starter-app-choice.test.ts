import { describe, expect, it } from "vitest";

import { freshAppId, isUntouched } from "../../../src/ui/state/starter-app-choice.ts";

const diff = { added: [], modified: [], removed: [] } as never;

describe("a course's starting app", () => {
  it.each([
    ["as the sandbox created it", { deployment: { id: "1", deployedAt: 1, origin: "template" }, draft: { changes: 0, diff } }, true],
    ["with a change in its draft", { deployment: { id: "1", deployedAt: 1, origin: "template" }, draft: { changes: 1, diff } }, false],
    ["deployed from the console", { deployment: { id: "2", deployedAt: 2, origin: "UI" }, draft: { changes: 0, diff } }, false],
    ["imported", { deployment: { id: "2", deployedAt: 2, origin: "import" }, draft: { changes: 0, diff } }, false],
    ["never deployed", { deployment: undefined, draft: { changes: 0, diff } }, false],
  ])("replaces the default app only when it is untouched: %s", (_, overview, expected) => {
    expect(isUntouched(overview)).toBe(expected);
  });

  it.each([
    ["notes-course", [], "notes-course"],
    ["notes-course", ["notes-course"], "notes-course-2"],
    ["notes-course", ["notes-course", "notes-course-2"], "notes-course-3"],
    ["My Course: Notes!", [], "my-course-notes"],
    ["***", [], "course-app"],
  ])("gives a fresh copy of %s an id no app has", (name, taken, expected) => {
    expect(freshAppId(name, taken)).toBe(expected);
  });
});

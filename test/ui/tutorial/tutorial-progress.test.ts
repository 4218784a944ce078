import { describe, expect, it } from "vitest";

import { DEFAULT_WIDTH, FIRST_TUTORIAL, MAX_WIDTH, MIN_WIDTH, loadBackup, loadPrefs, loadProgress, saveBackup, savePrefs, saveProgress, stepLink } from "../../../src/ui/tutorial/tutorial-progress.ts";

function memoryStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe("tutorial progress in the browser's storage", () => {
  it("opens the first tutorial on a first visit, then keeps what was chosen", () => {
    const storage = memoryStorage();
    expect(loadPrefs(storage)).toEqual({ open: true, width: DEFAULT_WIDTH, tutorial: FIRST_TUTORIAL });
    savePrefs({ open: false, width: 5000 }, storage);
    expect(loadPrefs(storage)).toEqual({ open: false, width: MAX_WIDTH, tutorial: FIRST_TUTORIAL });
    savePrefs({ width: 10 }, storage);
    expect(loadPrefs(storage).width).toBe(MIN_WIDTH);
  });

  it("keeps steps done and the current step per tutorial; a damaged entry counts as none", () => {
    const storage = memoryStorage();
    saveProgress("a", { done: ["one"], current: "two" }, storage);
    expect(loadProgress("a", storage)).toEqual({ done: ["one"], current: "two" });
    expect(loadProgress("b", storage)).toEqual({ done: [], current: undefined });
    storage.setItem("realm-sandbox:tutorial:progress:c", "{not json");
    expect(loadProgress("c", storage)).toEqual({ done: [], current: undefined });
  });

  it("keeps one copy of a draft per app, and says when the browser refused it", () => {
    const storage = memoryStorage();
    const backup = { appId: "app", savedAt: 1, reason: "before x", files: { "a.json": "{}" } };
    expect(saveBackup(backup, storage)).toBe(true);
    expect(loadBackup("app", storage)).toEqual(backup);
    const full = { ...storage, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(saveBackup(backup, full)).toBe(false);
  });

  it("links to a step", () => {
    expect(stepLink("task-tracker-backend", "user-schema")).toBe("#/learn/task-tracker-backend/user-schema");
  });
});

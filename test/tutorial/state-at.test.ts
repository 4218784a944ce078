import { describe, expect, it } from "vitest";

import { deployedAtStart, filesAfter, filesAtStart, snapshotAtStart, snapshotSolved } from "../../src/tutorial/state-at.ts";
import type { StepTarget, TutorialStep } from "../../src/tutorial/types.ts";

function step(folder: string, solution: Record<string, string>, options: { start?: Record<string, string>; target?: StepTarget } = {}): TutorialStep {
  return { folder, id: folder.slice(3), body: "x", start: options.start, solution, meta: { title: folder, route: "#/", target: options.target ?? "draft", hints: [], values: [], controls: [] } };
}

describe("the app at each step", () => {
  const steps = [
    step("01-a", { app: "1" }),
    step("02-b", { b: "1" }),
    step("03-c", { app: "2" }, { target: "deployed" }),
    step("04-d", { d: "1" }, { start: { app: "9" } }),
    step("05-e", { e: "1" }),
  ];

  it("continues from the previous step's solution, or from a step's own start", () => {
    expect(filesAtStart(steps, 0)).toEqual({});
    expect(filesAtStart(steps, 2)).toEqual({ app: "1", b: "1" });
    expect(filesAfter(steps, 2)).toEqual({ app: "2", b: "1" });
    expect(filesAtStart(steps, 3)).toEqual({ app: "9" });
    expect(filesAtStart(steps, 4)).toEqual({ app: "9", d: "1" });
  });

  it("keeps live what was first created, until a step deploys", () => {
    expect(deployedAtStart(steps, 0)).toEqual({});
    expect(deployedAtStart(steps, 1)).toEqual({ app: "1" });
    expect(deployedAtStart(steps, 2)).toEqual({ app: "1" });
    expect(deployedAtStart(steps, 4)).toEqual({ app: "2", b: "1" });
  });

  it("gives a deploying step's solved snapshot the draft as live", () => {
    expect(snapshotAtStart(steps, 2)).toEqual({ draft: { app: "1", b: "1" }, deployed: { app: "1" } });
    expect(snapshotSolved(steps, 2)).toEqual({ draft: { app: "2", b: "1" }, deployed: { app: "2", b: "1" } });
    expect(snapshotSolved(steps, 1)).toEqual({ draft: { app: "1", b: "1" }, deployed: { app: "1" } });
  });
});

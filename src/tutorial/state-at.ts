/**
 * The app at any point of a tutorial, worked out from the steps alone: a step starts
 * from its own start/ files when it has them, otherwise from where the previous step
 * ended; it ends with its solution/ files laid over its start.
 */
import type { AppFileMap, TutorialSnapshot, TutorialStep } from "./types.ts";

/** `files` with the solution's files added or replaced. */
export function applySolution(files: AppFileMap, solution: AppFileMap): AppFileMap {
  return { ...files, ...solution };
}

/** The draft files at the start of step `index` (0-based). */
export function filesAtStart(steps: readonly TutorialStep[], index: number): AppFileMap {
  let files: AppFileMap = {};
  for (let i = 0; i <= index; i++) {
    if (steps[i].start) files = { ...steps[i].start };
    if (i < index) files = applySolution(files, steps[i].solution);
  }
  return files;
}

/** The draft files once step `index` is solved. */
export function filesAfter(steps: readonly TutorialStep[], index: number): AppFileMap {
  return applySolution(filesAtStart(steps, index), steps[index].solution);
}

/**
 * What is live at the start of step `index`: the app as it was after the last earlier
 * step whose check reads the deployed app (that step deployed it); before any, the app
 * as first created, i.e. the first state with files, since a new app goes live at once.
 */
export function deployedAtStart(steps: readonly TutorialStep[], index: number): AppFileMap {
  for (let i = index - 1; i >= 0; i--) if (steps[i].meta.target === "deployed") return filesAfter(steps, i);
  for (let i = 0; i <= index; i++) {
    const start = filesAtStart(steps, i);
    if (Object.keys(start).length) return start;
    if (i < index) {
      const after = filesAfter(steps, i);
      if (Object.keys(after).length) return after;
    }
  }
  return {};
}

/** The snapshot a learner who has not begun step `index` would give its check. */
export function snapshotAtStart(steps: readonly TutorialStep[], index: number): TutorialSnapshot {
  return { draft: filesAtStart(steps, index), deployed: deployedAtStart(steps, index) };
}

/** The snapshot once step `index` is done as its solution does it (deployed too, when the step deploys). */
export function snapshotSolved(steps: readonly TutorialStep[], index: number): TutorialSnapshot {
  const draft = filesAfter(steps, index);
  return { draft, deployed: steps[index].meta.target === "deployed" ? draft : deployedAtStart(steps, index) };
}

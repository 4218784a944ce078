import type { AppFiles } from "../../config/types.ts";
import { blank } from "./blank.ts";
import { taskTracker } from "./task-tracker.ts";

export { blank, taskTracker };

export type TemplateName = "blank" | "task-tracker";

/** Built-in starting points, by the names createSandbox({template}) accepts. */
export const TEMPLATES: Record<TemplateName, (appId: string, name?: string) => AppFiles> = {
  blank: (appId, name) => blank(appId, name),
  "task-tracker": (appId, name) => taskTracker(appId, name),
};

import type { AppOverview } from "./console-api.ts";

/**
 * Whether the default app is still as the sandbox created it: its only deployment came
 * from the template and its draft holds no change. Only then may a course's starting app
 * take its place; anything a learner did is never overwritten.
 */
export function isUntouched(overview: Pick<AppOverview, "deployment" | "draft">): boolean {
  return overview.deployment?.origin === "template" && overview.draft.changes === 0;
}

import type { AppOverview } from "./console-api.ts";

/**
 * Whether the default app is still as the sandbox created it: its only deployment came
 * from the template and its draft holds no change. Only then may a course's starting app
 * take its place; anything a learner did is never overwritten.
 */
export function isUntouched(overview: Pick<AppOverview, "deployment" | "draft">): boolean {
  return overview.deployment?.origin === "template" && overview.draft.changes === 0;
}

/** An app id for another copy of the starting app: its name as an id, numbered past those taken. */
export function freshAppId(name: string, taken: Iterable<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "course-app";
  const used = new Set(taken);
  let appId = base;
  for (let n = 2; used.has(appId); n++) appId = `${base}-${n}`;
  return appId;
}

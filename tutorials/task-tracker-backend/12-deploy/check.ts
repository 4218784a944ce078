import type { CheckResult, StepCheck, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import app from "../01-create-app/check.ts";
import users from "../02-user-schema/check.ts";
import tasks from "../03-task-schema/check.ts";
import projects from "../04-project-schema/check.ts";
import relationship from "../05-relationship/check.ts";
import auth from "../06-email-password/check.ts";
import taskRoles from "../07-task-roles/check.ts";
import userRoles from "../08-user-roles/check.ts";
import sync from "../09-sync/check.ts";
import trigger from "../10-auth-trigger/check.ts";
import customData from "../11-custom-user-data/check.ts";

const EARLIER: StepCheck[] = [app, users, tasks, projects, relationship, auth, taskRoles, userRoles, sync, trigger, customData];

/** Every earlier step's check, on one set of files. */
function all(files: Record<string, string>): string[] {
  return EARLIER.flatMap((check) => check({ draft: files, deployed: files }).problems);
}

export default function check({ draft, deployed }: TutorialSnapshot): CheckResult {
  const live = all(deployed);
  if (live.length === 0) return { ok: true, problems: [] };
  if (all(draft).length === 0) return { ok: false, problems: ["The draft is complete but not live yet: click Deploy on the Deployment screen."] };
  return { ok: false, problems: live.map((p) => `In the deployed app: ${p.charAt(0).toLowerCase()}${p.slice(1)}`) };
}

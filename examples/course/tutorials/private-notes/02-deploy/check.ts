import type { CheckResult, TutorialSnapshot } from "../../../../../src/tutorial/types.ts";
import { ownerProblems } from "../01-owner-role/check.ts";

export default function check({ draft, deployed }: TutorialSnapshot): CheckResult {
  if (ownerProblems(deployed).length === 0) return { ok: true, problems: [] };
  if (ownerProblems(draft).length === 0) return { ok: false, problems: ["The role is in the draft but not live yet: click Deploy on the Deployment screen."] };
  return { ok: false, problems: ["The draft has no owner role for `course.notes` yet: go back to the first step."] };
}

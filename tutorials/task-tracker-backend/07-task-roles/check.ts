import { Problems, expectRole, rolesOf } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "tracker.tasks", problems);
  if (!roles) return problems.result();
  expectRole(draft, "tracker.tasks", "isAssignee", { apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true }, problems);
  expectRole(draft, "tracker.tasks", "default", { apply_when: {}, insert: false, delete: false, read: true, write: false }, problems);
  const names = roles.map((r) => r.name);
  const assignee = names.indexOf("isAssignee");
  const fallback = names.indexOf("default");
  if (assignee >= 0 && fallback >= 0 && fallback < assignee) {
    problems.add("The `tasks` role `default` comes before `isAssignee`, so it applies to every task first: move `isAssignee` above it.");
  }
  return problems.result();
}

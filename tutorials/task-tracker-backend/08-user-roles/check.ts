import { Problems, expectRole, rolesOf } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "tracker.users", problems);
  if (!roles) return problems.result();
  expectRole(draft, "tracker.users", "default", { apply_when: {}, insert: false, delete: false, read: true, write: false }, problems);
  for (const role of roles) {
    if (role.name === "default") continue;
    if (role.write === true || role.insert === true || role.delete === true) {
      problems.add(`The \`users\` role \`${role.name}\` lets clients change profiles; only the system should write them. Remove it or take away its insert, delete and write permissions.`);
    }
  }
  return problems.result();
}

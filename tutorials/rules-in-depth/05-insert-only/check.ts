import { Problems, rolesOf, sameJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

const WHILE_NEW = { "%%prevRoot": { "%exists": false } };

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "board.feedback", problems);
  if (!roles) return problems.result();
  if (roles.length === 0) {
    problems.add("The `feedback` collection has no roles yet, so nobody can insert feedback.");
    return problems.result();
  }
  for (const role of roles) {
    const name = `The \`feedback\` role \`${role.name}\``;
    problems.expect(role.insert === true, `${name} has no insert permission.`);
    problems.expect(role.delete === false, `${name} may delete feedback; set delete to false.`);
    problems.expect(role.read !== true, `${name} may read feedback; nobody should read it back.`);
    problems.expect(sameJson(role.write, WHILE_NEW), `${name} has write ${show(role.write ?? false)}; it should be ${show(WHILE_NEW)}, true only while the document is new.`);
  }
  return problems.result();
}

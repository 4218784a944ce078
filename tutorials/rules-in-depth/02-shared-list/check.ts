import { Problems, rolesOf, sameJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "board.lists", problems);
  if (!roles) return problems.result();
  const member = roles.find((r) => sameJson(r.apply_when, { members: "%%user.id" }));
  if (!member) {
    const named = roles.find((r) => r.name === "member");
    problems.add(
      named
        ? `The \`lists\` role \`member\` applies when ${show(named.apply_when)}; it should apply when \`{ "members": "%%user.id" }\`.`
        : 'No role of `board.lists` applies when `{ "members": "%%user.id" }`, the user being one of the list\'s members.',
    );
    return problems.result();
  }
  problems.expect(member.read === true, `The \`lists\` role \`${member.name}\` has no read permission.`);
  problems.expect(member.write === true, `The \`lists\` role \`${member.name}\` has no write permission, so members cannot add items.`);
  problems.expect(member.insert === true, `The \`lists\` role \`${member.name}\` has no insert permission, so nobody can start a list.`);
  return problems.result();
}

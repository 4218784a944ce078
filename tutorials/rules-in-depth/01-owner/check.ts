import { Problems, rolesOf, sameJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "board.notes", problems);
  if (!roles) return problems.result();
  const owner = roles.find((r) => sameJson(r.apply_when, { owner_id: "%%user.id" }));
  if (!owner) {
    problems.add('No role of `board.notes` applies when `{ "owner_id": "%%user.id" }`, the note belonging to the user.');
    return problems.result();
  }
  problems.expect(owner.read === true && owner.write === true, `The \`notes\` role \`${owner.name}\` should read and write the whole note (read ${show(owner.read)}, write ${show(owner.write)}).`);
  problems.expect(owner.insert === true, `The \`notes\` role \`${owner.name}\` has no insert permission, so nobody can write a note.`);
  for (const role of roles) {
    if (role !== owner && sameJson(role.apply_when, {}) && (role.read === true || role.write === true)) {
      problems.add(`The \`notes\` role \`${role.name}\` applies to every note and lets anyone read it; notes should stay private.`);
    }
  }
  return problems.result();
}

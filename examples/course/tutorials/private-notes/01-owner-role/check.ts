import { Problems, rolesOf, sameJson } from "../../../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../../../src/tutorial/types.ts";

/** Done when some role of `course.notes` lets the note's owner read and write it. */
export function ownerProblems(files: Record<string, string>): string[] {
  const problems = new Problems();
  const roles = rolesOf(files, "course.notes", problems);
  if (!roles) return problems.result().problems;
  const owner = roles.find((r) => sameJson(r.apply_when, { owner_id: "%%user.id" }));
  if (!owner) problems.add('No role of `course.notes` applies when `{ "owner_id": "%%user.id" }`, the note belonging to the user.');
  else problems.expect(owner.read === true && owner.write === true, `The \`notes\` role \`${owner.name}\` should read and write the whole note.`);
  return problems.result().problems;
}

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = ownerProblems(draft);
  return { ok: problems.length === 0, problems };
}

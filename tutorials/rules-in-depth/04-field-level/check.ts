import { Problems, findRole, isObject, objectAt, rolesOf, sameJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const roles = rolesOf(draft, "board.members", problems);
  if (!roles) return problems.result();
  const self = findRole(draft, "board.members", "self");
  if (!self) problems.add("The `members` collection has no role named `self`.");
  else {
    problems.expect(sameJson(self.apply_when, { user_id: "%%user.id" }), `The \`members\` role \`self\` applies when ${show(self.apply_when)}; it should apply when \`{ "user_id": "%%user.id" }\`.`);
    problems.expect(self.read === true && self.write === true, "The `members` role `self` should read and write the whole profile.");
  }
  const teammate = findRole(draft, "board.members", "teammate");
  if (!teammate) {
    problems.add("The `members` collection has no role named `teammate`.");
    return problems.result();
  }
  problems.expect(sameJson(teammate.apply_when, {}), `The \`members\` role \`teammate\` applies when ${show(teammate.apply_when)}; it should apply always ({}).`);
  problems.expect(teammate.read !== true && teammate.write !== true, "The `members` role `teammate` has read or write permission for the whole document, which overrides its field permissions: remove them.");
  const fields = isObject(teammate.fields) ? teammate.fields : {};
  for (const field of ["name", "team"]) problems.expect(objectAt(fields, field)?.read === true, `The \`members\` role \`teammate\` cannot read \`${field}\`.`);
  const phone = objectAt(fields, "phone");
  problems.expect(phone?.read !== true && phone?.write !== true, "The `members` role `teammate` can read `phone`; it should stay private.");
  const others = objectAt(teammate, "additional_fields");
  problems.expect(others?.read !== true && others?.write !== true, "The `members` role `teammate` can read every field not listed (additional_fields), `phone` included.");
  const names = roles.map((r) => r.name);
  if (self) problems.expect(names.indexOf("self") < names.indexOf("teammate"), "The role `teammate` comes before `self`, so it applies to your own profile too: move `self` above it.");
  return problems.result();
}

import { Problems, functionSource, isObject, objectAt, rolesOf, sameJson, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = functionSource(draft, "isStaffEmail");
  if (problems.expect(source !== undefined, "There is no function `isStaffEmail` yet: create it on the Functions screen.")) {
    problems.expect(source!.includes("@staff.example.org"), "`isStaffEmail` does not check for the domain `@staff.example.org`.");
  }
  const roles = rolesOf(draft, "board.announcements", problems);
  if (!roles) return problems.result();
  const staffIndex = roles.findIndex((r) => r.name === "staff");
  const staff = roles[staffIndex];
  if (!staff) {
    problems.add("The `announcements` collection has no role named `staff`.");
  } else {
    const call = objectAt(objectAt(staff.apply_when, "%%true"), "%function");
    if (!isObject(call)) {
      problems.add(`The \`announcements\` role \`staff\` applies when ${show(staff.apply_when)}; it should call the function \`isStaffEmail\` with %function.`);
    } else {
      problems.expect(call.name === "isStaffEmail", `The \`staff\` role calls the function ${show(call.name)}; it should call \`isStaffEmail\`.`);
      problems.expect(sameJson(call.arguments, ["%%user.data.email"]), `The \`staff\` role passes ${show(call.arguments)} to the function; it should pass ["%%user.data.email"], the user's email address.`);
    }
    problems.expect(staff.write === true && staff.insert === true, "The `announcements` role `staff` cannot insert and write announcements.");
  }
  const readerIndex = roles.findIndex((r) => r.name === "reader");
  const reader = roles[readerIndex];
  if (!reader) {
    problems.add("The `announcements` collection has no role named `reader` for everyone else.");
  } else {
    problems.expect(sameJson(reader.apply_when, {}), `The \`announcements\` role \`reader\` applies when ${show(reader.apply_when)}; it should apply always ({}).`);
    problems.expect(reader.read === true, "The `announcements` role `reader` has no read permission.");
    problems.expect(reader.write !== true && reader.insert !== true && reader.delete !== true, "The `announcements` role `reader` may change announcements; it should only read them.");
    if (staff) problems.expect(readerIndex > staffIndex, "The role `reader` comes before `staff`, so it applies to staff too: move `staff` above it.");
  }
  return problems.result();
}

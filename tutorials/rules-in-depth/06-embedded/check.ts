import { Problems, findRole, isObject, objectAt } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const teammate = findRole(draft, "board.members", "teammate");
  if (!teammate) {
    problems.add("The `members` collection has no role named `teammate`.");
    return problems.result();
  }
  const fields = isObject(teammate.fields) ? teammate.fields : {};
  const address = objectAt(fields, "address");
  if (!address) {
    problems.add("The `members` role `teammate` has no permissions for `address` in its `fields`.");
    return problems.result();
  }
  problems.expect(
    address.read === undefined && address.write === undefined,
    "The `members` role `teammate` has a read or write permission on `address` itself, which covers `street` too: keep permissions inside its `fields`.",
  );
  const inner = objectAt(address, "fields") ?? {};
  problems.expect(objectAt(inner, "city")?.read === true, "The `members` role `teammate` cannot read `address.city`.");
  const street = objectAt(inner, "street");
  problems.expect(street?.read !== true && street?.write !== true, "The `members` role `teammate` can read `address.street`; it should stay hidden.");
  return problems.result();
}

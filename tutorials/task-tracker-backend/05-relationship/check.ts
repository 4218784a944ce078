import { Problems, relationshipsOf, show } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const relationship = relationshipsOf(draft, "tracker.tasks").assignee;
  if (!relationship) {
    problems.add("`tracker.tasks` has no relationship on its `assignee` field yet.");
    return problems.result();
  }
  problems.expect(
    relationship.ref === "#/relationship/mongodb-atlas/tracker/users",
    `The \`assignee\` relationship points at ${show(relationship.ref)}; it should point at the collection \`tracker.users\`.`,
  );
  problems.expect(relationship.foreign_key === "user_id", `The \`assignee\` relationship matches the users' field ${show(relationship.foreign_key)}; it should match \`user_id\`.`);
  problems.expect(relationship.is_list !== true, "The `assignee` relationship is to-many; a task has one assignee, so make it to-one.");
  return problems.result();
}

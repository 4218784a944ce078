import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, usesName } from "../client-check.ts";

const USES: [string, string][] = [
  ["GET_ALL_TASKS", "app.js does not list the tasks yet: run `client.request(GET_ALL_TASKS)` and show each task."],
  ["ADD_TASK", "app.js does not add tasks yet: the New task form should run `ADD_TASK`."],
  ["UPDATE_TASK", "app.js does not change a task's status yet: a task's status list should run `UPDATE_TASK`."],
  ["DELETE_TASK", "app.js does not delete tasks yet: a task's Delete button should run `DELETE_TASK`."],
];

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  for (const [name, problem] of USES) problems.expect(usesName(source, name), problem);
  problems.expect(/\bassignee\s*:\s*\{\s*link\s*:/.test(source), "New tasks should be assigned to the user who adds them: `assignee: { link: app.currentUser.id }` (the isAssignee role refuses anything else).");
  return problems.result();
}

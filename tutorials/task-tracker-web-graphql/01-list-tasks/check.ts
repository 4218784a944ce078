import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, expectOperation } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  expectOperation(
    source,
    "GET_ALL_TASKS",
    [
      { pattern: /^\s*(query\b[^{]*)?\{\s*tasks\b/, problem: "`GET_ALL_TASKS` should be a query that reads the `tasks` field." },
      { pattern: /\bassignee\s*\{[^}]*\bname\b/, problem: "`GET_ALL_TASKS` should ask for each task's `assignee` with its `name` inside `{ }`." },
      { pattern: /\bstatus\b/, problem: "`GET_ALL_TASKS` should ask for each task's `status`." },
      { pattern: /\b_id\b/, problem: "`GET_ALL_TASKS` should ask for each task's `_id`: changing or deleting a task needs it." },
    ],
    problems,
  );
  return problems.result();
}

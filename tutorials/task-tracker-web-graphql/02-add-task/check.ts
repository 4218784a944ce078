import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, expectOperation } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  expectOperation(
    source,
    "ADD_TASK",
    [
      { pattern: /^\s*mutation\b/, problem: "`ADD_TASK` should be a mutation: it starts with the word `mutation`." },
      { pattern: /\$\w+\s*:\s*TaskInsertInput!/, problem: "`ADD_TASK` should take the task as a variable of type `TaskInsertInput!`." },
      { pattern: /\binsertOneTask\s*\(\s*data\s*:\s*\$\w+/, problem: "`ADD_TASK` should call `insertOneTask(data: $task)` with that variable." },
      { pattern: /\b_id\b/, problem: "`ADD_TASK` should ask for the new task's `_id`." },
    ],
    problems,
  );
  return problems.result();
}

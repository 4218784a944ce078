import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, expectOperation } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  expectOperation(
    source,
    "UPDATE_TASK",
    [
      { pattern: /^\s*mutation\b/, problem: "`UPDATE_TASK` should be a mutation." },
      { pattern: /\$\w+\s*:\s*ObjectId!/, problem: "`UPDATE_TASK` should take the task's id as a variable of type `ObjectId!`." },
      { pattern: /\bupdateOneTask\s*\(/, problem: "`UPDATE_TASK` should call `updateOneTask`." },
      { pattern: /\bquery\s*:\s*\{\s*_id\s*:\s*\$\w+/, problem: "`UPDATE_TASK` should pick the task by its id: `query: { _id: $taskId }`." },
      { pattern: /\bset\s*:\s*\$\w+/, problem: "`UPDATE_TASK` should take what to change as a variable: `set: $updates` (of type `TaskUpdateInput!`)." },
    ],
    problems,
  );
  return problems.result();
}

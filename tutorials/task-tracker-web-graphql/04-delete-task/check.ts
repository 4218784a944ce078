import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, expectOperation } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  expectOperation(
    source,
    "DELETE_TASK",
    [
      { pattern: /^\s*mutation\b/, problem: "`DELETE_TASK` should be a mutation." },
      { pattern: /\$\w+\s*:\s*ObjectId!/, problem: "`DELETE_TASK` should take the task's id as a variable of type `ObjectId!`." },
      { pattern: /\bdeleteOneTask\s*\(\s*query\s*:\s*\{\s*_id\s*:\s*\$\w+/, problem: "`DELETE_TASK` should call `deleteOneTask(query: { _id: $taskId })`." },
    ],
    problems,
  );
  return problems.result();
}

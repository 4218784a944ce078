import { Problems, expectSchema } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  expectSchema(
    draft,
    "tracker.tasks",
    {
      title: "Task",
      properties: { _id: "objectId", _partition: "string", assignee: "string", name: "string", status: "string" },
      required: ["_id", "_partition", "name", "status"],
    },
    problems,
  );
  return problems.result();
}

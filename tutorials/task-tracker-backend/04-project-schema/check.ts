import { Problems, expectSchema } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  expectSchema(
    draft,
    "tracker.projects",
    { title: "Project", properties: { _id: "objectId", _partition: "string", name: "string" }, required: ["_id", "_partition", "name"] },
    problems,
  );
  return problems.result();
}

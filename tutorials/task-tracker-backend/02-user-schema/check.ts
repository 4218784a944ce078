import { Problems, expectSchema } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  expectSchema(
    draft,
    "tracker.users",
    {
      title: "User",
      properties: { _id: "objectId", _partition: "string", user_id: "string", name: "string", image: "string" },
      required: ["_id", "_partition", "user_id", "name"],
    },
    problems,
  );
  return problems.result();
}

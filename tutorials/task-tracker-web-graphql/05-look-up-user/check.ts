import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource, expectOperation } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  expectOperation(
    source,
    "GET_USER",
    [
      { pattern: /\$\w+\s*:\s*String!/, problem: "`GET_USER` should take the user's id as a variable of type `String!`." },
      { pattern: /\buser\s*\(\s*query\s*:\s*\{\s*user_id\s*:\s*\$\w+/, problem: "`GET_USER` should read `user(query: { user_id: $userId })`: profiles are found by `user_id`." },
      { pattern: /\bname\b/, problem: "`GET_USER` should ask for the user's `name`." },
    ],
    problems,
  );
  return problems.result();
}

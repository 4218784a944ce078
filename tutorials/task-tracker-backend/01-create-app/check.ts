import { Problems, isObject, peekJson } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const config = peekJson(draft, "realm_config.json");
  if (!problems.expect(isObject(config), "There is no app yet: click Create a blank app on the Home screen.")) return problems.result();
  const cluster = peekJson(draft, "data_sources/mongodb-atlas/config.json");
  problems.expect(isObject(cluster), "The app has no linked cluster named `mongodb-atlas`; create a new blank app, which comes with one.");
  return problems.result();
}

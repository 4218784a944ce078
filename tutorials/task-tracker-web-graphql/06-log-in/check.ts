import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  problems.expect(/\.emailPasswordAuth\s*\.\s*registerUser\s*\(/.test(source), "app.js does not register users yet: call `app.emailPasswordAuth.registerUser({ email, password })` when Register is clicked.");
  problems.expect(/\.logIn\s*\(/.test(source), "app.js does not log users in yet: call `app.logIn(…)` with the email and password.");
  problems.expect(/Credentials\s*\.\s*emailPassword\s*\(/.test(source), "app.js should log in with `Realm.Credentials.emailPassword(email, password)`.");
  problems.expect(!/not written yet/.test(source), "app.js still has the starter's submit handler that only says logging in is not written yet: replace it.");
  return problems.result();
}

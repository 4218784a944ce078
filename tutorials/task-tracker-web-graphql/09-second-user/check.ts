import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource } from "../client-check.ts";

export default function check({ draft, users }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  problems.expect(/\.logOut\s*\(/.test(source), "app.js cannot log out yet, so you cannot switch users: call `app.currentUser.logOut()` when Log out is clicked.");
  // The panel may pass the app's users; when it does, both accounts must exist.
  if (users) problems.expect(users.length >= 2, `The app has ${users.length} user${users.length === 1 ? "" : "s"}; register a second one in the preview to try the rules.`);
  return problems.result();
}

import { Problems } from "../../../src/tutorial/check-helpers.ts";
import type { CheckResult, TutorialSnapshot } from "../../../src/tutorial/types.ts";
import { clientSource } from "../client-check.ts";

export default function check({ draft }: TutorialSnapshot): CheckResult {
  const problems = new Problems();
  const source = clientSource(draft, problems);
  if (source === undefined) return problems.result();
  if (!problems.expect(/\bcreateClient\s*\(/.test(source), "app.js does not create a GraphQL client yet: call `createClient({ url, getAccessToken, onUnauthorized })`.")) return problems.result();
  problems.expect(/\/graphql\b/.test(source), "The GraphQL client's `url` should be the app's GraphQL endpoint, ending in `/app/${app.id}/graphql`.");
  problems.expect(/\.accessToken\b/.test(source), "The GraphQL client should send the user's access token: `getAccessToken: () => app.currentUser?.accessToken`.");
  problems.expect(
    /\b(refreshCustomData|refreshAccessToken)\s*\(/.test(source),
    "The GraphQL client should get a new access token when a request is refused with 401: `onUnauthorized: () => app.currentUser?.refreshCustomData()`.",
  );
  problems.expect(/\.request\s*\(\s*GET_USER\b/.test(source), "app.js does not read the user's profile yet: `await client.request(GET_USER, { userId: user.id })` in `showBoard`.");
  return problems.result();
}

/** Function sources of the Task Tracker backend (functions/<name>.js). */

export const CREATE_NEW_USER_DOCUMENT = `// Runs from the onNewUser trigger, as the system user, whenever an email/password
// account gets its user object. It stores the user's profile in tracker.users, which
// the app also reads as custom user data (matched on user_id).
exports = async function createNewUserDocument({ user }) {
  const users = context.services.get("mongodb-atlas").db("tracker").collection("users");
  return await users.insertOne({
    _partition: "My Project",
    user_id: user.id,
    name: user.data.email,
  });
};
`;

export const RESET_FUNC = `/*
 * Password reset handler for the email/password provider.
 *
 * A client's callResetPasswordFunction(email, password, ...args) calls it with
 * ({ token, tokenId, username, password }, ...args). The answer decides the outcome:
 *   { status: "success" }  the new password takes effect at once;
 *   { status: "pending" }  nothing changes until resetPassword(token, tokenId, password);
 *   { status: "fail" }     the request is refused.
 * This tutorial app refuses every reset.
 */
exports = ({ token, tokenId, username, password }) => {
  return { status: "fail" };
};
`;

/*
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

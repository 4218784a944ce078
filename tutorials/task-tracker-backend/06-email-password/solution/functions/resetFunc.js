/*
 * Decides password resets. A client's callResetPasswordFunction(email, newPassword, ...args)
 * makes App Services call it as the system with
 *   ({ token, tokenId, username, password }, ...args)   password is the new one.
 * Answer with one of:
 *   { status: "success" }  the new password takes effect at once;
 *   { status: "pending" }  nothing changes until a client calls resetPassword(token, tokenId, password);
 *   { status: "fail" }     the reset is refused and the old password stays.
 * This start refuses every reset; check the extra arguments (a security answer, say) to allow some.
 */
exports = async ({ token, tokenId, username, password }, ...args) => {
  return { status: "fail" };
};

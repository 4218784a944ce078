export { AuthService, installAuth, type AuthOptions, type AuthenticatedUser, type LoginResult } from "./auth-service.ts";
export type { PendingLink, UserAdmin } from "./user-admin.ts";
export type { UserSummary } from "./records.ts";
export type { RandomBytes } from "./ids.ts";
export { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS } from "./tokens.ts";
export { USERPASS_TOKEN_MS } from "./userpass.ts";

/**
 * The App Users screen's calls to the console API (src/admin/user-routes.ts), shaped after
 * the Admin API v3 `users` and `user_registrations` routes. Only types come from there.
 */
import type { PendingLinks, UserCustomData } from "../../admin/user-routes.ts";
import type { PendingLink } from "../../auth/user-admin.ts";
import type { ConsoleApi, UserSummary } from "./console-api.ts";

export type { PendingLink, PendingLinks, UserCustomData, UserSummary };

export interface SessionInfo {
  id: string;
  deviceId?: string;
  createdAt: number;
  expiresAt: number;
}

const enc = encodeURIComponent;

export class UsersApi {
  constructor(private readonly api: ConsoleApi) {}

  list = (appId: string, search = "") =>
    this.api.request<UserSummary[]>("GET", `/${enc(appId)}/users${search.trim() ? `?search=${enc(search.trim())}` : ""}`);
  create = (appId: string, email: string, password: string) => this.api.createUser(appId, email, password);
  pending = (appId: string) => this.api.request<PendingLinks>("GET", `/${enc(appId)}/user_registrations/pending_links`);
  confirm = (appId: string, email: string) => this.api.request<void>("POST", `/${enc(appId)}/user_registrations/by_email/${enc(email)}/confirm`);
  resendConfirmation = (appId: string, email: string) =>
    this.api.request<void>("POST", `/${enc(appId)}/user_registrations/by_email/${enc(email)}/send_confirm`);
  rerunConfirmation = (appId: string, email: string) =>
    this.api.request<void>("POST", `/${enc(appId)}/user_registrations/by_email/${enc(email)}/run_confirm`);
  enable = (appId: string, id: string) => this.api.request<void>("PUT", `/${enc(appId)}/users/${enc(id)}/enable`);
  disable = (appId: string, id: string) => this.api.request<void>("PUT", `/${enc(appId)}/users/${enc(id)}/disable`);
  remove = (appId: string, id: string) => this.api.request<void>("DELETE", `/${enc(appId)}/users/${enc(id)}`);
  logout = (appId: string, id: string) => this.api.request<{ revoked: number }>("PUT", `/${enc(appId)}/users/${enc(id)}/logout`);
  sessions = (appId: string, id: string) => this.api.request<SessionInfo[]>("GET", `/${enc(appId)}/users/${enc(id)}/sessions`);
  customData = (appId: string, id: string) => this.api.request<UserCustomData>("GET", `/${enc(appId)}/users/${enc(id)}/custom_data`);
}

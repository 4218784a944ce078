/**
 * Secrets through the console API (src/admin/secret-routes.ts): names come back, values
 * never do. Only types come from the backend side.
 */
import type { SecretSummary } from "../../admin/secret-routes.ts";
import type { ConsoleApi } from "./console-api.ts";

export type { SecretSummary };

const path = (appId: string, name?: string) => `/${encodeURIComponent(appId)}/secrets${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;

export class SecretsApi {
  constructor(private readonly api: ConsoleApi) {}

  list = (appId: string) => this.api.request<SecretSummary[]>("GET", path(appId));
  create = (appId: string, name: string, value: string) => this.api.request<SecretSummary>("POST", path(appId), { name, value });
  replace = (appId: string, name: string, value: string) => this.api.request<void>("PUT", path(appId, name), { value });
  remove = (appId: string, name: string) => this.api.request<void>("DELETE", path(appId, name));
}

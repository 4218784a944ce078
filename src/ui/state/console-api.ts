/**
 * The page's end of the console API (src/admin), called through this tab's backend
 * Worker. Only types come from the backend side; nothing of it loads in the page.
 */
import type { AppImport, AppSummary } from "../../sandbox/apps.ts";
import type { AppDiff } from "../../config/diff.ts";
import type { AppFiles, ConfigProblem, ImportNote } from "../../config/types.ts";
import type { UserSummary } from "../../auth/records.ts";
import type { BackendClient } from "../../worker/client.ts";

export type { AppDiff, AppFiles, AppImport, AppSummary, ConfigProblem, ImportNote, UserSummary };

const PREFIX = "/api/admin/v3.0/groups/sandbox/apps";

export interface AppOverview {
  appId: string;
  name: string;
  deployment?: { id: string; deployedAt: number; origin: string };
  draft: { changes: number; diff: AppDiff };
  collections: { service: string; database: string; collection: string; hasSchema: boolean; hasRules: boolean }[];
}

export interface Session {
  access_token: string;
  refresh_token: string;
  user_id: string;
  device_id: string;
}

/** An error the backend answered: its App Services code and, for config, every problem. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
    this.name = "ConsoleApiError";
  }
}

export class ConsoleApi {
  constructor(private readonly backend: Pick<BackendClient, "admin" | "fetch" | "importSandbox" | "exportSandbox" | "reset">) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.backend.admin(new URL(`.${PREFIX}${path}`, document.baseURI), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return undefined as T;
    const json = await response.json();
    if (!response.ok) throw new ConsoleApiError(json.error ?? response.statusText, json.error_code ?? "Unknown", response.status, json.problems);
    return json as T;
  }

  listApps = () => this.request<AppSummary[]>("GET", "/");
  overview = (appId: string) => this.request<AppOverview>("GET", `/${enc(appId)}`);
  createApp = (template: "blank" | "task-tracker", name?: string) => this.request<AppImport>("POST", "/", { template, name });
  importApp = (files: AppFiles, sourceName?: string, replace = false) => this.request<AppImport>("POST", "/", { files, sourceName, replace });
  removeApp = (appId: string) => this.request<void>("DELETE", `/${enc(appId)}`);
  draft = (appId: string) => this.request<{ files: AppFiles; diff: AppDiff }>("GET", `/${enc(appId)}/drafts/current`);
  saveDraft = (appId: string, files: AppFiles) => this.request<{ files: AppFiles; diff: AppDiff }>("PUT", `/${enc(appId)}/drafts/current`, { files });
  /** Saves some files of the draft (`set` path → text) and removes others. */
  patchDraft = (appId: string, set: AppFiles, remove: string[] = []) =>
    this.request<{ files: AppFiles; diff: AppDiff }>("PATCH", `/${enc(appId)}/drafts/current`, { set, remove });
  checkDraft = (appId: string, files: AppFiles) =>
    this.request<{ problems: ConfigProblem[]; notes: ImportNote[] }>("POST", `/${enc(appId)}/drafts/check`, { files });
  discardDraft = (appId: string) => this.request<void>("DELETE", `/${enc(appId)}/drafts/current`);
  deploy = (appId: string) => this.request<{ _id: string }>("POST", `/${enc(appId)}/deployments`);
  users = (appId: string) => this.request<UserSummary[]>("GET", `/${enc(appId)}/users`);
  createUser = (appId: string, email: string, password: string) => this.request<UserSummary>("POST", `/${enc(appId)}/users`, { email, password });
  openSession = (appId: string, userId: string) => this.request<Session>("POST", `/${enc(appId)}/users/${enc(userId)}/sessions`);

  /** Replaces the whole default app with an exported sandbox file (data and users included). */
  importSandboxFile = (text: string) => this.backend.importSandbox(text);
  exportSandboxFile = () => this.backend.exportSandbox();
  /** Deletes every app, document, user and setting, and starts again from the template. */
  resetSandbox = () => this.backend.reset();

  /** The client API, as a client of the app would call it (through this tab's backend). */
  clientFetch(path: string, init?: RequestInit): Promise<Response> {
    return this.backend.fetch(new URL(`./api/client/v2.0${path}`, document.baseURI), init);
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

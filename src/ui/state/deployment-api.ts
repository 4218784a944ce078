/**
 * The Deployment screen's calls to the console API (src/admin/app-routes.ts and
 * deployment-routes.ts): the history, one version with its files, redeploy.
 */
import type { Deployment } from "../../app/deployment-store.ts";
import type { DeploymentVersion } from "../../admin/deployment-routes.ts";
import type { ConsoleApi } from "./console-api.ts";

export type { Deployment, DeploymentVersion };

const app = (appId: string) => `/${encodeURIComponent(appId)}`;

export class DeploymentApi {
  constructor(private readonly api: ConsoleApi) {}

  /** Newest first, as many as the backend keeps. */
  history(appId: string): Promise<Deployment[]> {
    return this.api.request("GET", `${app(appId)}/deployments`);
  }

  /** One deployment with its files (`files` absent when that version's files were not kept). */
  version(appId: string, id: string): Promise<DeploymentVersion> {
    return this.api.request("GET", `${app(appId)}/deployments/${encodeURIComponent(id)}`);
  }

  /**
   * The app directory to export: the draft, or the version `deployment`. Secret values only
   * when asked; otherwise each secret comes with its name and an empty value.
   */
  exportFiles(appId: string, options: { deployment?: string; includeSecretValues: boolean }): Promise<{ files: Record<string, string> }> {
    const query = new URLSearchParams();
    if (options.deployment) query.set("deployment", options.deployment);
    if (options.includeSecretValues) query.set("include_secret_values", "true");
    const search = query.toString() ? `?${query}` : "";
    return this.api.request("GET", `${app(appId)}/export${search}`);
  }

  /** Makes an earlier version live again; `discardDraft` replaces a draft with changes. */
  redeploy(appId: string, id: string, discardDraft: boolean): Promise<Deployment> {
    return this.api.request("POST", `${app(appId)}/deployments/${encodeURIComponent(id)}/redeploy`, { discard_draft: discardDraft });
  }
}

import type { Deployment } from "../app/deployment-store.ts";
import type { AppFiles } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { SandboxApp } from "../app/app.ts";
import type { AdminRoute } from "./router.ts";
import { exportFiles, maskSecrets } from "./secret-masking.ts";

/** One deployment with the files of its version (absent when they were not kept). */
export interface DeploymentVersion extends Deployment {
  files?: AppFiles;
}

function entryOf(app: SandboxApp, id: string): Deployment {
  const entry = app.history.find((d) => d._id === id);
  if (!entry) throw new AppServicesError("DeploymentNotFound", `deployment '${id}' is not in the history of the last ${app.history.length} deployments`);
  return entry;
}

/**
 * One deployment of the history, and redeploying it, shaped after the Admin API v3's
 * `/deployments/{deploymentId}` and `/deployments/{deploymentId}/redeploy`.
 */
export const DEPLOYMENT_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/deployments/:deploymentId",
    async handle(ctx): Promise<DeploymentVersion> {
      const { app } = await ctx.app();
      const entry = entryOf(app, ctx.params.deploymentId);
      const files = await app.versionFiles(entry._id);
      return files ? { ...entry, files: maskSecrets(app, files) } : entry;
    },
  },
  {
    // The app directory of the draft, or of `?deployment=<id>`, for the page to zip or write as
    // a folder (after the Admin API v3's `/export`). Secret values only with
    // `?include_secret_values=true`; otherwise each secret is kept by name with an empty value.
    method: "GET",
    path: "/:appId/export",
    async handle(ctx): Promise<{ files: AppFiles }> {
      const { app } = await ctx.app();
      const id = ctx.url.searchParams.get("deployment");
      let files = app.draft;
      if (id) {
        const entry = entryOf(app, id);
        const kept = await app.versionFiles(entry._id);
        if (!kept) throw new AppServicesError("DeploymentNotFound", `the files of deployment '${entry._id}' were not kept (it was deployed before the sandbox kept each version), so it cannot be exported`);
        files = kept;
      }
      return { files: exportFiles(files, ctx.url.searchParams.get("include_secret_values") === "true") };
    },
  },
  {
    // Makes an earlier version live again as a new deployment. A draft with changes would be
    // replaced by it, so that needs `discard_draft: true`: nothing is dropped unasked.
    method: "POST",
    path: "/:appId/deployments/:deploymentId/redeploy",
    async handle(ctx) {
      const { app } = await ctx.app();
      const entry = entryOf(app, ctx.params.deploymentId);
      const files = await app.versionFiles(entry._id);
      if (!files) {
        throw new AppServicesError("DeploymentNotFound", `the files of deployment '${entry._id}' were not kept (it was deployed before the sandbox kept each version), so it cannot be redeployed`);
      }
      const body = await ctx.body();
      if (app.hasDraftChanges && body.discard_draft !== true) {
        throw new AppServicesError("BadRequest", "the draft has changes that are not deployed; deploy or discard them first, or send discard_draft: true to replace them with this version");
      }
      return app.redeploy(files);
    },
  },
];

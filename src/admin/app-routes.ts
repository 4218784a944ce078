import { checkApp } from "../config/index.ts";
import type { AppFiles } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { TemplateName } from "../app/templates/index.ts";
import type { SandboxApp } from "../app/app.ts";
import type { HostedApp } from "../sandbox/hosted-app.ts";
import type { AdminContext, AdminRoute } from "./router.ts";
import { maskSecrets, unmaskSecrets } from "./secret-masking.ts";

const TEMPLATE_NAMES: readonly TemplateName[] = ["blank", "task-tracker"];

/** What the top bar shows of one app: identity, the live version and the draft state. */
export async function appOverview(hosted: HostedApp) {
  const { app } = hosted;
  const latest = app.history[0];
  const diff = app.pendingDiff();
  return {
    appId: hosted.appId,
    name: app.deployed.name,
    deployment: latest ? { id: latest._id, deployedAt: latest.deployed_at, origin: latest.origin } : undefined,
    draft: { changes: diff.added.length + diff.modified.length + diff.removed.length, diff },
    collections: app.deployed.collections.map((c) => ({
      service: c.service,
      database: c.database,
      collection: c.collection,
      hasSchema: c.schema !== undefined,
      hasRules: c.rules !== undefined,
    })),
  };
}

function filesOf(value: unknown): AppFiles {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AppServicesError("BadRequest", "`files` must be a map of file path to file text");
  }
  return value as AppFiles;
}

/** Apps of the sandbox: list, create from a template, import an export, remove. */
export const APP_ROUTES: AdminRoute[] = [
  { method: "GET", path: "/", handle: (ctx) => ctx.apps.list() },
  {
    method: "POST",
    path: "/",
    async handle(ctx) {
      const body = await ctx.body();
      if (body.files !== undefined) {
        const sourceName = typeof body.sourceName === "string" ? body.sourceName : undefined;
        const appId = typeof body.appId === "string" && body.appId !== "" ? body.appId : undefined;
        return ctx.apps.import(filesOf(body.files), { sourceName, appId, replace: body.replace === true });
      }
      const template = (body.template ?? "blank") as TemplateName;
      if (!TEMPLATE_NAMES.includes(template)) {
        throw new AppServicesError("InvalidParameter", `unknown template '${String(body.template)}'; use ${TEMPLATE_NAMES.join(" or ")}`);
      }
      const app = await ctx.apps.create({
        template,
        name: typeof body.name === "string" ? body.name : undefined,
        appId: typeof body.appId === "string" ? body.appId : undefined,
      });
      return { app, notes: [] };
    },
  },
  { method: "GET", path: "/:appId", handle: async (ctx) => appOverview(await ctx.app()) },
  { method: "DELETE", path: "/:appId", handle: async (ctx) => void (await ctx.apps.remove(ctx.params.appId)) },
];

/** The draft as the page sees it: secret values masked (see secret-masking.ts). */
function draftAnswer(app: SandboxApp) {
  return { files: maskSecrets(app, app.draft), diff: app.pendingDiff() };
}

/** The draft and deployments, as the Deployment screen and the top bar's review use them. */
export const DRAFT_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/drafts/current",
    async handle(ctx) {
      const { app } = await ctx.app();
      return draftAnswer(app);
    },
  },
  {
    // Saves the whole draft; refused with the problems deploy would give, nothing saved.
    method: "PUT",
    path: "/:appId/drafts/current",
    async handle(ctx) {
      const { app } = await ctx.app();
      await app.saveDraft(unmaskSecrets(app, filesOf((await ctx.body()).files)));
      return draftAnswer(app);
    },
  },
  {
    // Changes some files of the draft: `set` path → text, `remove` paths. Refused with the
    // problems deploy would give, nothing saved, so a screen can save one file at a time.
    method: "PATCH",
    path: "/:appId/drafts/current",
    async handle(ctx) {
      const { app } = await ctx.app();
      const body = await ctx.body();
      const set = body.set === undefined ? {} : unmaskSecrets(app, filesOf(body.set));
      const remove = Array.isArray(body.remove) ? body.remove.filter((p): p is string => typeof p === "string") : [];
      const files: AppFiles = { ...app.draft, ...set };
      for (const path of remove) delete files[path];
      await app.saveDraft(files);
      return draftAnswer(app);
    },
  },
  {
    // Checks files without saving them: the errors deploy would give, shown while editing.
    method: "POST",
    path: "/:appId/drafts/check",
    async handle(ctx) {
      const { app } = await ctx.app();
      let files: AppFiles;
      try {
        files = unmaskSecrets(app, filesOf((await ctx.body()).files));
      } catch (error) {
        const problems = (error as { details?: { problems?: unknown } }).details?.problems;
        if (!Array.isArray(problems)) throw error;
        return { problems, notes: [] };
      }
      const { problems, notes } = checkApp(files, app.parseHooks);
      return { problems, notes };
    },
  },
  { method: "DELETE", path: "/:appId/drafts/current", handle: async (ctx) => void (await (await ctx.app()).app.discardDraft()) },
  {
    method: "POST",
    path: "/:appId/deployments",
    handle: async (ctx: AdminContext) => (await ctx.app()).app.deploy("UI"),
  },
  { method: "GET", path: "/:appId/deployments", handle: async (ctx) => (await ctx.app()).app.history },
];

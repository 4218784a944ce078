import type { SandboxApp } from "../app/app.ts";
import { checkApp, removeTrigger, setFunction, setTrigger } from "../config/index.ts";
import { isObject } from "../config/json.ts";
import type { AppFiles, AppModel, TriggerFile, TriggerType } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { LogEntry } from "../log/app-log.ts";
import { toLogValue } from "../log/log-value.ts";
import { triggersOf } from "../triggers/install.ts";
import { knownTimeZone, nextRuns } from "../triggers/next-runs.ts";
import type { AdminContext, AdminRoute } from "./router.ts";
import { sampleEvent } from "./trigger-events.ts";

/** One trigger of the draft as the Triggers screen lists it. */
export interface TriggerSummary {
  name: string;
  type: TriggerType;
  disabled: boolean;
  functionName: string | undefined;
  /** The file as written (triggers/<name>.json), edited in place so unknown keys survive. */
  file: TriggerFile;
  path: string;
  /** Whether the deployed version has this trigger (a draft-only one does not fire yet). */
  deployed: boolean;
  lastRun?: { time: number; status: "ok" | "error"; summary: string };
}

export interface TriggersPage {
  triggers: TriggerSummary[];
  /** What the editor's pickers offer, from the draft. */
  functions: string[];
  dataSources: string[];
  collections: { service: string; database: string; collection: string }[];
  providers: string[];
  /** The app's time zone for showing times (App Settings), UTC when it names none. */
  timeZone: string;
}

export interface TriggerRuns {
  entries: LogEntry[];
}

export interface ScheduleAnswer {
  runs: number[];
  timeZone: string;
  problem?: string;
}

export interface TestEventAnswer {
  /** Set when the event never reached the function (e.g. the match filters it out). */
  skipped?: string;
  entry?: { type: string; status: "ok" | "error"; summary: string; durationMs?: number; details?: Record<string, unknown> };
}

const RUNS_SHOWN = 50;

/** Where the App Settings screen keeps the app's time zone (`time_zone`). */
const SANDBOX_SETTINGS = "sandbox/settings.json";

/** The app's time zone for showing times: sandbox/settings.json, else realm_config.json's `time_zone`, else UTC. */
export function appTimeZone(files: AppFiles, model: Pick<AppModel, "realmConfig">): string {
  let zone: unknown;
  try {
    zone = (JSON.parse(files[SANDBOX_SETTINGS] ?? "{}") as { time_zone?: unknown }).time_zone;
  } catch {
    zone = undefined;
  }
  return knownTimeZone(zone || model.realmConfig.time_zone);
}

function draftModel(app: SandboxApp): AppModel {
  return checkApp(app.draft, app.parseHooks).model;
}

function triggerFileOf(files: AppFiles, path: string): TriggerFile {
  return JSON.parse(files[path]) as TriggerFile;
}

function entriesOf(entries: LogEntry[], name: string): LogEntry[] {
  return entries.filter((e) => isObject(e.details) && e.details.trigger === name);
}

async function triggerLog(app: SandboxApp): Promise<LogEntry[]> {
  return app.log.query({ types: ["trigger"], limit: 2000 });
}

function bodyTrigger(value: unknown): TriggerFile {
  if (!isObject(value) || typeof value.name !== "string" || typeof value.type !== "string" || !isObject(value.config)) {
    throw new AppServicesError("InvalidParameter", "`trigger` must be a trigger file: {name, type, config, …}");
  }
  return value as TriggerFile;
}

/**
 * The Triggers screen's calls, after the Admin API's `/triggers` and `/triggers/{id}`:
 * the draft's triggers (saved there with src/config/edit.ts, refused with the problems
 * deploy would give), their runs from the app log, the next runs of a schedule, and a
 * test event through the trigger manager.
 */
export const TRIGGER_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/triggers",
    async handle(ctx): Promise<TriggersPage> {
      const { app } = await ctx.app();
      const model = draftModel(app);
      const log = await triggerLog(app);
      const deployed = new Set(app.deployed.triggers.map((t) => t.name));
      const triggers = model.triggers.map((t): TriggerSummary => {
        const last = entriesOf(log, t.name)[0];
        return {
          name: t.name,
          type: t.type,
          disabled: t.disabled,
          functionName: t.functionName,
          file: triggerFileOf(app.draft, t.path),
          path: t.path,
          deployed: deployed.has(t.name),
          lastRun: last && { time: last.time, status: last.status, summary: last.summary },
        };
      });
      return {
        triggers: triggers.sort((a, b) => a.name.localeCompare(b.name)),
        functions: model.functions.map((f) => f.name).sort(),
        dataSources: model.dataSources.filter((d) => d.type === "mongodb-atlas").map((d) => d.name),
        collections: model.collections.map(({ service, database, collection }) => ({ service, database, collection })),
        providers: Object.keys(model.auth.providers).sort(),
        timeZone: appTimeZone(app.draft, model),
      };
    },
  },
  {
    // Creates or replaces a trigger in the draft (renaming when :name differs), with a new function when asked.
    method: "PUT",
    path: "/:appId/triggers/:name",
    async handle(ctx) {
      const { app } = await ctx.app();
      const body = await ctx.body();
      const trigger = bodyTrigger(body.trigger);
      let files = app.draft;
      if (isObject(body.newFunction)) {
        const { name, source } = body.newFunction;
        if (typeof name !== "string" || typeof source !== "string") throw new AppServicesError("InvalidParameter", "`newFunction` needs a name and a source");
        if (draftModel(app).functions.some((f) => f.name === name)) {
          throw new AppServicesError("InvalidParameter", `a function named "${name}" already exists; pick it from the list or choose another name`);
        }
        files = setFunction(files, { name, private: true }, source);
      }
      if (ctx.params.name !== trigger.name) files = removeTrigger(files, ctx.params.name);
      files = setTrigger(files, trigger);
      await app.saveDraft(files);
      return { diff: app.pendingDiff() };
    },
  },
  {
    method: "DELETE",
    path: "/:appId/triggers/:name",
    async handle(ctx) {
      const { app } = await ctx.app();
      await app.saveDraft(removeTrigger(app.draft, ctx.params.name));
      return { diff: app.pendingDiff() };
    },
  },
  {
    // The log entries of a trigger's runs (real and test), newest first.
    method: "GET",
    path: "/:appId/triggers/:name/logs",
    async handle(ctx): Promise<TriggerRuns> {
      const { app } = await ctx.app();
      return { entries: entriesOf(await triggerLog(app), ctx.params.name).slice(0, RUNS_SHOWN) };
    },
  },
  {
    // The next runs of a CRON schedule (typed, not yet saved), or deploy's message for it.
    method: "POST",
    path: "/:appId/triggers/commands/next_runs",
    async handle(ctx): Promise<ScheduleAnswer> {
      const { app } = await ctx.app();
      const body = await ctx.body();
      const count = typeof body.count === "number" && body.count >= 1 && body.count <= 50 ? Math.floor(body.count) : 5;
      const timeZone = appTimeZone(app.draft, draftModel(app));
      const answer = nextRuns(String(body.schedule ?? ""), app.clock(), count);
      return answer.ok ? { runs: answer.runs, timeZone } : { runs: [], timeZone, problem: answer.message };
    },
  },
  {
    // Runs the trigger's function once with a sample event; `trigger` may be the editor's unsaved file.
    method: "POST",
    path: "/:appId/triggers/:name/test",
    handle: async (ctx) => fireTest(ctx),
  },
];

async function fireTest(ctx: AdminContext): Promise<TestEventAnswer> {
  const { app } = await ctx.app();
  const body = await ctx.body();
  const manager = triggersOf(app);
  if (!manager) throw new AppServicesError("InternalServerError", "triggers are not running for this app");
  let files = app.draft;
  if (body.trigger !== undefined) {
    const edited = bodyTrigger(body.trigger);
    files = setTrigger(ctx.params.name === edited.name ? files : removeTrigger(files, ctx.params.name), edited);
  }
  const model = checkApp(files, app.parseHooks).model;
  const name = body.trigger === undefined ? ctx.params.name : bodyTrigger(body.trigger).name;
  const config = model.triggers.find((t) => t.name === name);
  if (!config) throw new AppServicesError("NotFound", `there is no trigger named "${name}" in the draft`);
  const sample = await sampleEvent(app, config);
  if (sample.filteredOut) return { skipped: sample.filteredOut };
  // The draft's text of the function, so a test needs no deploy.
  const source = model.functions.find((f) => f.name === config.functionName)?.source;
  const entry = await manager.test(config, sample.args, { source, label: sample.label });
  return { entry: { ...entry, details: toLogValue(entry.details) as Record<string, unknown> } };
}

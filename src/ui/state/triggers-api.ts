/**
 * The Triggers screen's calls to the console API (src/admin/trigger-routes.ts), shaped
 * after the Admin API's `/triggers`. Only types come from there.
 */
import type { ScheduleAnswer, TestEventAnswer, TriggerRuns, TriggerSummary, TriggersPage } from "../../admin/trigger-routes.ts";
import type { TriggerFile } from "../../config/types.ts";
import type { ConsoleApi } from "./console-api.ts";

export type { ScheduleAnswer, TestEventAnswer, TriggerFile, TriggerRuns, TriggerSummary, TriggersPage };

export interface NewFunction {
  name: string;
  source: string;
}

const base = (appId: string) => `/${encodeURIComponent(appId)}/triggers`;
const one = (appId: string, name: string) => `${base(appId)}/${encodeURIComponent(name)}`;

export class TriggersApi {
  constructor(private readonly api: ConsoleApi) {}

  list(appId: string): Promise<TriggersPage> {
    return this.api.request("GET", base(appId));
  }

  /** Saves the trigger to the draft under `previousName` (renaming it), with a new function when given. */
  save(appId: string, previousName: string, trigger: TriggerFile, newFunction?: NewFunction): Promise<unknown> {
    return this.api.request("PUT", one(appId, previousName), { trigger, newFunction });
  }

  remove(appId: string, name: string): Promise<unknown> {
    return this.api.request("DELETE", one(appId, name));
  }

  runs(appId: string, name: string): Promise<TriggerRuns> {
    return this.api.request("GET", `${one(appId, name)}/logs`);
  }

  nextRuns(appId: string, schedule: string): Promise<ScheduleAnswer> {
    return this.api.request("POST", `${base(appId)}/commands/next_runs`, { schedule });
  }

  /** Runs the trigger's function once with a sample event; `trigger` is the editor's file, saved or not. */
  test(appId: string, name: string, trigger?: TriggerFile): Promise<TestEventAnswer> {
    return this.api.request("POST", `${one(appId, name)}/test`, { trigger });
  }
}

import type { SandboxApp } from "../app/app.ts";
import type { FunctionRuntime } from "../functions/runtime.ts";
import { scheduleProblems } from "./cron.ts";
import { TriggerManager, type TriggerOptions } from "./manager.ts";

const installed = new WeakMap<SandboxApp, TriggerManager>();

/** Arms the app's triggers (re-armed on every deploy) with the given function runtime. */
export function installTriggers(app: SandboxApp, runtime: FunctionRuntime, options: TriggerOptions = {}): TriggerManager {
  app.addParseHooks({ checkSchedule: scheduleProblems });
  const manager = new TriggerManager(app, runtime, options);
  manager.start();
  installed.set(app, manager);
  return manager;
}

/** The trigger manager of an app, for the console and tests (`tick()`, `settled()`). */
export function triggersOf(app: SandboxApp): TriggerManager | undefined {
  return installed.get(app);
}

import type { ParseContext } from "./context.ts";
import { TRIGGERS_DIR } from "./paths.ts";
import type { DataSourceConfig, JsonObject, TriggerConfig, TriggerType } from "./types.ts";

export const TRIGGER_TYPES = ["DATABASE", "AUTHENTICATION", "SCHEDULED"] as const;
export const AUTH_OPERATIONS = ["CREATE", "LOGIN", "DELETE"] as const;
export const DATABASE_OPERATIONS = ["INSERT", "UPDATE", "REPLACE", "DELETE"] as const;

const TRIGGER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface TriggerRefs {
  functions: Set<string>;
  dataSources: DataSourceConfig[];
}

/** triggers/*.json; the file name is not binding (App Services renamed files on import). */
export function parseTriggers(ctx: ParseContext, refs: TriggerRefs): TriggerConfig[] {
  const triggers: TriggerConfig[] = [];
  const seen = new Map<string, string>();
  for (const path of ctx.list(TRIGGERS_DIR)) {
    if (!path.endsWith(".json") || path.slice(TRIGGERS_DIR.length).includes("/")) continue;
    const obj = ctx.readObject(path);
    if (!obj) continue;
    const trigger = parseTrigger(ctx, path, obj, refs);
    if (!trigger) continue;
    const other = seen.get(trigger.name);
    if (other) {
      ctx.report(path, `trigger name "${trigger.name}" is already used by ${other}`);
      continue;
    }
    seen.set(trigger.name, path);
    triggers.push(trigger);
  }
  return triggers;
}

function parseTrigger(ctx: ParseContext, path: string, obj: JsonObject, refs: TriggerRefs): TriggerConfig | undefined {
  const f = ctx.fields(path);
  const name = f.string(obj, "name", "", true);
  if (name !== undefined && !TRIGGER_NAME.test(name)) {
    ctx.report(path, `trigger name "${name}" must be 1-64 letters, digits, "_" or "-"`);
  }
  const type = f.oneOf(obj, "type", TRIGGER_TYPES, "", true);
  const disabled = f.boolean(obj, "disabled") ?? false;
  const config = f.object(obj, "config", "", true);
  const functionName = triggerFunctionName(ctx, path, obj);
  if (functionName !== undefined && !refs.functions.has(functionName)) {
    ctx.report(path, `trigger "${name ?? "?"}" calls function "${functionName}", which is not in functions/config.json`);
  }
  if (name === undefined || type === undefined || config === undefined) return undefined;

  const trigger: TriggerConfig = {
    name,
    type: type as TriggerType,
    disabled,
    functionName,
    operationTypes: [],
    providers: [],
    config,
    path,
  };
  if (type === "AUTHENTICATION") {
    trigger.operationTypes = authOperations(ctx, path, config);
    trigger.providers = f.stringArray(config, "providers", "config", true) ?? [];
    if (config.providers !== undefined && trigger.providers.length === 0) {
      ctx.report(path, `"config.providers" must name at least one provider`);
    }
  } else if (type === "DATABASE") {
    parseDatabaseConfig(ctx, path, config, trigger, refs);
  } else {
    const schedule = f.string(config, "schedule", "config", true);
    if (schedule !== undefined && schedule.trim().split(/\s+/).length !== 5) {
      ctx.report(path, `"config.schedule" must be a 5-field CRON expression (minute hour day month weekday), got "${schedule}"`);
    } else if (schedule !== undefined) {
      ctx.checkSchedule(path, schedule);
    }
    trigger.schedule = schedule;
  }
  return trigger;
}

/** The function comes from `function_name` (20210101 exports) or event_processors (later docs). */
function triggerFunctionName(ctx: ParseContext, path: string, obj: JsonObject): string | undefined {
  const f = ctx.fields(path);
  const topLevel = f.string(obj, "function_name");
  const processors = f.object(obj, "event_processors");
  let fromProcessor: string | undefined;
  if (processors) {
    const fn = f.object(processors, "FUNCTION", "event_processors");
    const fnConfig = fn && f.object(fn, "config", "event_processors.FUNCTION", true);
    if (fnConfig) fromProcessor = f.string(fnConfig, "function_name", "event_processors.FUNCTION.config", true);
  }
  if (topLevel && fromProcessor && topLevel !== fromProcessor) {
    ctx.report(path, `"function_name" ("${topLevel}") and event_processors.FUNCTION ("${fromProcessor}") disagree`);
  }
  const name = topLevel || fromProcessor;
  const hasOtherProcessor = processors !== undefined && Object.keys(processors).some((k) => k !== "FUNCTION");
  if (!name && !hasOtherProcessor) {
    ctx.note(path, "inert", `names no function (no "function_name" or event_processors): kept, and skipped when it fires`);
  }
  return name || undefined;
}

function authOperations(ctx: ParseContext, path: string, config: JsonObject): string[] {
  // The tutorial export writes one `operation_type`; current docs write an array.
  const f = ctx.fields(path);
  let ops: string[] | undefined;
  if (config.operation_type !== undefined) {
    const one = f.string(config, "operation_type", "config");
    ops = one === undefined ? undefined : [one];
  } else {
    ops = f.stringArray(config, "operation_types", "config");
    if (ops === undefined && config.operation_types === undefined) f.missing("config", "operation_type");
  }
  return checkOperations(ctx, path, ops ?? [], AUTH_OPERATIONS);
}

function parseDatabaseConfig(ctx: ParseContext, path: string, config: JsonObject, trigger: TriggerConfig, refs: TriggerRefs): void {
  const f = ctx.fields(path);
  trigger.serviceName = f.string(config, "service_name", "config") ?? f.string(config, "service_id", "config");
  if (trigger.serviceName === undefined) f.missing("config", "service_name");
  else if (!refs.dataSources.some((d) => d.name === trigger.serviceName)) {
    ctx.report(path, `"config.service_name" is "${trigger.serviceName}", but there is no data source with that name`);
  }
  trigger.database = f.string(config, "database", "config", true);
  trigger.collection = f.string(config, "collection", "config");
  const ops = f.stringArray(config, "operation_types", "config", true) ?? [];
  if (config.operation_types !== undefined && ops.length === 0) {
    ctx.report(path, `"config.operation_types" must list at least one operation`);
  }
  trigger.operationTypes = checkOperations(ctx, path, ops, DATABASE_OPERATIONS);
  for (const key of ["match", "project"]) f.object(config, key, "config");
  for (const key of ["full_document", "full_document_before_change", "unordered", "skip_catchup_events", "tolerate_resume_errors", "maximum_throughput"]) {
    f.boolean(config, key, "config");
  }
}

function checkOperations(ctx: ParseContext, path: string, ops: string[], allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (const op of ops) {
    const upper = op.toUpperCase();
    if (!allowed.includes(upper)) {
      ctx.report(path, `unknown operation type "${op}"; expected one of ${allowed.join(", ")}`);
    } else if (!out.includes(upper)) out.push(upper);
  }
  return out;
}

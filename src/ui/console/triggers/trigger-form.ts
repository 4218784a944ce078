/**
 * The trigger editor's model, pure: a trigger file (triggers/<name>.json as App Services
 * exported it) read into form fields and written back, keeping keys the form does not
 * show. Also the starting sources of a function created from a trigger.
 */
import type { TriggerFile } from "../../state/triggers-api.ts";

export type TriggerType = TriggerFile["type"];
type Json = Record<string, unknown>;

export const TYPE_LABELS: Record<TriggerType, string> = { AUTHENTICATION: "Authentication", DATABASE: "Database", SCHEDULED: "Scheduled" };
export const AUTH_OPERATIONS = ["CREATE", "LOGIN", "DELETE"] as const;
export const DATABASE_OPERATIONS = ["INSERT", "UPDATE", "REPLACE", "DELETE"] as const;
/** The providers App Services offered for authentication triggers, beside those the app has. */
export const KNOWN_PROVIDERS = ["local-userpass", "anon-user", "api-key", "custom-token", "custom-function", "oauth2-google", "oauth2-apple", "oauth2-facebook"];

/** A new trigger of a type, with the defaults the App Services form started from. */
export function newTrigger(type: TriggerType, name = ""): TriggerFile {
  const config: Json =
    type === "AUTHENTICATION"
      ? { operation_type: "CREATE", providers: ["local-userpass"] }
      : type === "DATABASE"
        ? { service_name: "mongodb-atlas", database: "", collection: "", operation_types: ["INSERT"], full_document: true, full_document_before_change: false, unordered: false, match: {}, project: {} }
        : { schedule: "0 * * * *" };
  return { name, type, config, function_name: "", disabled: false };
}

export function functionOf(file: TriggerFile): string {
  if (typeof file.function_name === "string") return file.function_name;
  const processors = file.event_processors as Json | undefined;
  const fn = processors?.FUNCTION as { config?: { function_name?: unknown } } | undefined;
  return typeof fn?.config?.function_name === "string" ? fn.config.function_name : "";
}

/** Links a function the way the file already does (event_processors in later exports, function_name otherwise). */
export function withFunction(file: TriggerFile, name: string): TriggerFile {
  const processors = file.event_processors as Json | undefined;
  if (processors?.FUNCTION && file.function_name === undefined) {
    const fn = processors.FUNCTION as Json;
    return { ...file, event_processors: { ...processors, FUNCTION: { ...fn, config: { ...(fn.config as Json), function_name: name } } } };
  }
  return { ...file, function_name: name };
}

export function withConfig(file: TriggerFile, changes: Json): TriggerFile {
  return { ...file, config: { ...file.config, ...changes } };
}

/** The operation types, from `operation_type` (the guide's export) or `operation_types`. */
export function operationsOf(file: TriggerFile): string[] {
  const c = file.config;
  if (typeof c.operation_type === "string") return [c.operation_type.toUpperCase()];
  return Array.isArray(c.operation_types) ? c.operation_types.map((o) => String(o).toUpperCase()) : [];
}

/** Writes operation types back; an auth trigger written with one `operation_type` keeps that form while one is chosen. */
export function withOperations(file: TriggerFile, ops: string[]): TriggerFile {
  const config: Json = { ...file.config };
  if (file.type === "AUTHENTICATION" && "operation_type" in config && ops.length === 1) {
    config.operation_type = ops[0];
  } else {
    delete config.operation_type;
    config.operation_types = ops;
  }
  return { ...file, config };
}

export function toggled(list: string[], item: string, on: boolean, order: readonly string[]): string[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return [...order.filter((o) => set.has(o)), ...[...set].filter((o) => !order.includes(o))];
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** JSON text of a match or project object, for its editor. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value ?? {}, null, 2);
}

/** An object typed in a JSON editor, or why it is not one. */
export function parseObject(text: string): { ok: true; value: Json } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.trim() === "" ? "{}" : text);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { ok: false, message: "must be a JSON object, e.g. {}" };
  return { ok: true, value: value as Json };
}

/** A function name for a new trigger's function: the trigger's name with a verb that says when it runs. */
export function suggestedFunctionName(triggerName: string, taken: string[]): string {
  const base = triggerName ? `${triggerName.replace(/[^A-Za-z0-9_]/g, "_")}Handler` : "triggerHandler";
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}${i}`;
  return name;
}

/** A starting source that shows what the function receives for this kind of trigger. */
export function starterSource(file: TriggerFile): string {
  if (file.type === "AUTHENTICATION") {
    return `// Runs when a user is created, logs in or is deleted (the trigger's operation types).
// authEvent.user is the user: its id, its identities and the data the provider gave.
exports = async function (authEvent) {
  const { user, operationType, time } = authEvent;
  console.log(\`\${operationType} for user \${user.id} at \${time}\`);
};
`;
  }
  if (file.type === "DATABASE") {
    return `// Runs after each matching change to ${file.config.database || "<database>"}.${file.config.collection || "<collection>"}.
// changeEvent.fullDocument is the document after the change (updates: only with "Full document" on);
// changeEvent.documentKey._id names the document; changeEvent.updateDescription lists what an update changed.
exports = async function (changeEvent) {
  const { operationType, documentKey, fullDocument } = changeEvent;
  console.log(\`\${operationType} of \${documentKey._id}\`, JSON.stringify(fullDocument));
  // To write elsewhere:
  // const db = context.services.get("${file.config.service_name ?? "mongodb-atlas"}").db("${file.config.database || "<database>"}");
};
`;
  }
  return `// Runs on the trigger's schedule (CRON, in UTC). It receives no arguments.
exports = async function () {
  const now = new Date();
  console.log(\`scheduled run at \${now.toISOString()}\`);
};
`;
}

/** Where a problem deploy reports for a trigger file belongs in the form. */
export type ProblemField = "name" | "function" | "schedule" | "cluster" | "database" | "operations" | "providers" | "match" | "project" | "general";

/** `names` (the trigger's and function's) are left out, so "monthlyReport" does not read as a CRON field. */
export function fieldOfProblem(message: string, names: string[] = []): ProblemField {
  for (const name of names) if (name) message = message.split(`"${name}"`).join('""');
  if (/function/i.test(message)) return "function";
  if (/schedule|CRON|minute|hour|day of|month|weekday/i.test(message)) return "schedule";
  if (/service_name|data source/i.test(message)) return "cluster";
  if (/database|collection/i.test(message)) return "database";
  if (/operation/i.test(message)) return "operations";
  if (/provider/i.test(message)) return "providers";
  if (/match/i.test(message)) return "match";
  if (/project/i.test(message)) return "project";
  if (/name/i.test(message)) return "name";
  return "general";
}

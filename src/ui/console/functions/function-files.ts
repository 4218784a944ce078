/**
 * The app's functions as the draft holds them: functions/config.json entries joined with
 * functions/<name>.js, read and written here in the page (the same shape the backend's
 * config layer parses; deploy checks it again).
 */
import type { AppFiles } from "../../state/console-api.ts";

export const FUNCTIONS_CONFIG = "functions/config.json";

/** One entry of functions/config.json; unknown keys are kept as written. */
export interface FunctionSettings {
  name: string;
  private?: boolean;
  run_as_system?: boolean;
  can_evaluate?: Record<string, unknown>;
  disable_arg_logs?: boolean;
  [key: string]: unknown;
}

export interface FunctionItem {
  name: string;
  settings: FunctionSettings;
  /** Undefined when config.json lists it but its file is missing. */
  source: string | undefined;
  /** Listed in config.json (a source without an entry runs with the defaults). */
  listed: boolean;
}

/** As parse-functions.ts checks it: parts of letters, digits, "_" and "-", separated by "/". */
const NAME = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function sourcePath(name: string): string {
  return `functions/${name}.js`;
}

/** Why a new function's name cannot be used, or undefined when it can. */
export function nameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name === "") return "Give the function a name, e.g. createNewUserDocument.";
  if (!NAME.test(name)) return 'Use letters, digits, "_" and "-"; a "/" puts the function in a folder (utils/format). No spaces or dots.';
  if (existing.includes(name)) return `There is already a function named ${name}.`;
  return undefined;
}

function entries(files: AppFiles): unknown[] {
  const text = files[FUNCTIONS_CONFIG];
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

const isEntry = (e: unknown): e is FunctionSettings => typeof e === "object" && e !== null && !Array.isArray(e) && typeof (e as { name?: unknown }).name === "string";

/** Every function of the draft, by name: listed ones and sources without an entry. */
export function listFunctions(files: AppFiles): FunctionItem[] {
  const byName = new Map<string, FunctionItem>();
  for (const e of entries(files)) {
    if (isEntry(e) && !byName.has(e.name)) byName.set(e.name, { name: e.name, settings: e, source: files[sourcePath(e.name)], listed: true });
  }
  for (const [path, text] of Object.entries(files)) {
    if (!path.startsWith("functions/") || !path.endsWith(".js") || path.startsWith("functions/node_modules/")) continue;
    const name = path.slice("functions/".length, -".js".length);
    if (!byName.has(name) && NAME.test(name)) byName.set(name, { name, settings: { name }, source: text, listed: false });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The files to save: the entry (replaced in place, or added) and the source. */
export function functionFiles(files: AppFiles, settings: FunctionSettings, source: string): AppFiles {
  const list = entries(files);
  const at = list.findIndex((e) => isEntry(e) && e.name === settings.name);
  const next = at >= 0 ? list.map((e, i) => (i === at ? settings : e)) : [...list, settings];
  return { [FUNCTIONS_CONFIG]: formatJson(next), [sourcePath(settings.name)]: source };
}

/** The files to save and remove to delete a function. */
export function removalFiles(files: AppFiles, name: string): { set: AppFiles; remove: string[] } {
  const next = entries(files).filter((e) => !(isEntry(e) && e.name === name));
  return { set: { [FUNCTIONS_CONFIG]: formatJson(next) }, remove: files[sourcePath(name)] === undefined ? [] : [sourcePath(name)] };
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A new function's text: App Services' form, with notes on what a function gets. */
export function starterSource(name: string): string {
  return `// ${name}: runs in the backend when a client, a trigger or another function calls it.
// "context" gives the caller (context.user), the app's services and values, and
// context.functions.execute(name, ...args) to call other functions.
exports = async function (arg) {
  // Read a collection through the linked cluster (rules apply unless it runs as the system):
  // const tasks = context.services.get("mongodb-atlas").db("tracker").collection("tasks");
  // return tasks.find({}).toArray();
  console.log("called by", context.user.data.email || context.user.type, "with", JSON.stringify(arg));
  return { hello: arg };
};
`;
}

/** The line of a deploy problem about a source: "syntax error at line N: …". */
export function problemLine(message: string): number | undefined {
  const match = /\bat line (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

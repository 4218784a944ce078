import type { ParseContext } from "./context.ts";
import { isObject, typeName } from "./json.ts";
import { FUNCTIONS_CONFIG, functionSourcePath } from "./paths.ts";
import type { FunctionConfig } from "./types.ts";

/** Slash-separated segments of letters, digits, "_" and "-" (a "/" maps to a subfolder). */
const FUNCTION_NAME = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function isValidFunctionName(name: string): boolean {
  return FUNCTION_NAME.test(name);
}

/**
 * functions/config.json entries joined with their functions/<name>.js sources. `listed`
 * holds every valid name in config.json, so references to a function whose source is
 * missing are not reported twice.
 */
export function parseFunctions(ctx: ParseContext): { functions: FunctionConfig[]; listed: Set<string> } {
  const raw = ctx.readJson(FUNCTIONS_CONFIG);
  let entries: unknown[] = [];
  if (raw !== undefined) {
    if (Array.isArray(raw)) entries = raw;
    else ctx.report(FUNCTIONS_CONFIG, `expected a JSON array of function configs, got ${typeName(raw)}`);
  }
  const f = ctx.fields(FUNCTIONS_CONFIG);
  const functions: FunctionConfig[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const where = `[${i}]`;
    if (!isObject(entry)) {
      ctx.report(FUNCTIONS_CONFIG, `"${where}" must be an object, got ${typeName(entry)}`);
      return;
    }
    const name = f.string(entry, "name", where, true);
    f.boolean(entry, "private", where);
    f.boolean(entry, "run_as_system", where);
    const canEvaluate = f.object(entry, "can_evaluate", where);
    if (canEvaluate) ctx.checkExpression(FUNCTIONS_CONFIG, `${name ?? where}.can_evaluate`, canEvaluate);
    f.boolean(entry, "disable_arg_logs", where);
    f.string(entry, "run_as_user_id", where);
    f.string(entry, "run_as_user_id_script_source", where);
    if (name === undefined) return;
    if (!isValidFunctionName(name)) {
      ctx.report(FUNCTIONS_CONFIG, `function name "${name}" may only use letters, digits, "_", "-" and "/" between parts`);
      return;
    }
    if (seen.has(name)) {
      ctx.report(FUNCTIONS_CONFIG, `function "${name}" is listed more than once`);
      return;
    }
    seen.add(name);
    const sourcePath = functionSourcePath(name);
    if (!ctx.has(sourcePath)) {
      ctx.report(FUNCTIONS_CONFIG, `function "${name}" has no source file ${sourcePath}`);
      return;
    }
    ctx.checkFunctionSource(sourcePath, ctx.files[sourcePath]);
    functions.push({ ...entry, name, source: ctx.files[sourcePath], sourcePath });
  });

  // App Services ran a source without an entry with the default settings (public, run
  // as the caller), so such a function is loaded; config.json is left as written.
  for (const path of ctx.list("functions/")) {
    if (!path.endsWith(".js") || path.startsWith("functions/node_modules/")) continue;
    const name = path.slice("functions/".length, -".js".length);
    if (seen.has(name) || !isValidFunctionName(name)) continue;
    ctx.note(path, "normalized", `no entry named "${name}" in ${FUNCTIONS_CONFIG}: loaded with the default settings (public, runs as the caller)`);
    ctx.checkFunctionSource(path, ctx.files[path]);
    seen.add(name);
    functions.push({ name, source: ctx.files[path], sourcePath: path });
  }
  return { functions, listed: seen };
}

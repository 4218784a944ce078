import type { ParseContext } from "./context.ts";
import { ENVIRONMENTS_DIR, ENVIRONMENT_NAMES, VALUES_DIR } from "./paths.ts";
import type { ValueConfig } from "./types.ts";

const VALUE_NAME = /^[A-Za-z0-9_-]+$/;

export function parseValues(ctx: ParseContext): ValueConfig[] {
  const values: ValueConfig[] = [];
  const seen = new Map<string, string>();
  for (const path of ctx.list(VALUES_DIR)) {
    if (!path.endsWith(".json")) continue;
    const obj = ctx.readObject(path);
    if (!obj) continue;
    const f = ctx.fields(path);
    const name = f.string(obj, "name", "", true);
    const fromSecret = f.boolean(obj, "from_secret") ?? false;
    if (!("value" in obj)) f.missing("", "value");
    else if (fromSecret && typeof obj.value !== "string") {
      ctx.report(path, `"value" must be the secret's name (a string) when "from_secret" is true`);
    }
    if (name === undefined) continue;
    if (!VALUE_NAME.test(name)) {
      ctx.report(path, `value name "${name}" may only use letters, digits, "_" and "-"`);
      continue;
    }
    const other = seen.get(name);
    if (other) {
      ctx.report(path, `value name "${name}" is already used by ${other}`);
      continue;
    }
    seen.set(name, path);
    values.push({ name, value: obj.value, from_secret: fromSecret });
  }
  return values.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** environments/<name>.json for the five fixed names; any other name is an error. */
export function parseEnvironments(ctx: ParseContext): Record<string, { values: Record<string, unknown> }> {
  const environments: Record<string, { values: Record<string, unknown> }> = {};
  for (const path of ctx.list(ENVIRONMENTS_DIR)) {
    if (!path.endsWith(".json")) continue;
    const name = path.slice(ENVIRONMENTS_DIR.length, -".json".length);
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
      ctx.report(path, `unknown environment "${name}"; the names are ${ENVIRONMENT_NAMES.join(", ")}`);
      continue;
    }
    const obj = ctx.readObject(path);
    if (!obj) continue;
    const values = ctx.fields(path).object(obj, "values") ?? {};
    environments[name] = { values };
  }
  return environments;
}

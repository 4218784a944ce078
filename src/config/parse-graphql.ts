import type { ParseContext } from "./context.ts";
import { isObject } from "./json.ts";
import { CUSTOM_RESOLVERS_DIR, GRAPHQL_CONFIG } from "./paths.ts";
import type { CustomResolverConfig, JsonObject } from "./types.ts";

export const RESOLVER_FORMATS = ["scalar", "scalar-list", "generated", "generated-list", "custom"] as const;

export interface GraphqlPart {
  config: { use_natural_pluralization: boolean; disable_schema_introspection?: boolean };
  customResolvers: CustomResolverConfig[];
}

export function parseGraphql(ctx: ParseContext, functions: Set<string>): GraphqlPart {
  const obj = ctx.readObject(GRAPHQL_CONFIG);
  // Apps created since natural pluralization shipped have it on; the tutorial's did too.
  const plural = obj ? ctx.fields(GRAPHQL_CONFIG).boolean(obj, "use_natural_pluralization") : undefined;
  const noIntrospection = obj ? ctx.fields(GRAPHQL_CONFIG).boolean(obj, "disable_schema_introspection") : undefined;
  const customResolvers: CustomResolverConfig[] = [];
  const seen = new Map<string, string>();
  for (const path of ctx.list(CUSTOM_RESOLVERS_DIR)) {
    if (!path.endsWith(".json")) continue;
    const raw = ctx.readObject(path);
    const resolver = raw && parseResolver(ctx, path, raw, functions);
    if (!resolver) continue;
    const key = `${resolver.on_type}.${resolver.field_name}`;
    const other = seen.get(key);
    if (other) {
      ctx.report(path, `${key} is already defined by ${other}`);
      continue;
    }
    seen.set(key, path);
    customResolvers.push(resolver);
  }
  // The switch is kept only when on, as App Services wrote it.
  const config = { use_natural_pluralization: plural ?? true, ...(noIntrospection ? { disable_schema_introspection: true } : {}) };
  return { config, customResolvers };
}

function parseResolver(ctx: ParseContext, path: string, raw: JsonObject, functions: Set<string>): CustomResolverConfig | undefined {
  const f = ctx.fields(path);
  const onType = f.string(raw, "on_type", "", true);
  const fieldName = f.string(raw, "field_name", "", true);
  const functionName = f.string(raw, "function_name", "", true);
  if (functionName !== undefined && !functions.has(functionName)) {
    ctx.report(path, `resolver calls function "${functionName}", which is not in functions/config.json`);
  }
  const resolver: JsonObject = { ...raw };
  for (const kind of ["input", "payload"] as const) {
    const type = raw[`${kind}_type`];
    if (raw[`${kind}_type_format`] === "" && type === undefined) {
      // Exports of resolvers without an input wrote an empty format.
      ctx.note(path, "normalized", `"${kind}_type_format" is "" and there is no ${kind} type: read as none`);
      delete resolver[`${kind}_type_format`];
      continue;
    }
    if (type !== undefined && typeof type !== "string" && !isObject(type)) {
      f.wrong("", `${kind}_type`, "a type name or a JSON schema object", type);
    }
    const format = f.oneOf(raw, `${kind}_type_format`, RESOLVER_FORMATS);
    if (type !== undefined && raw[`${kind}_type_format`] === undefined) {
      ctx.report(path, `"${kind}_type" needs a "${kind}_type_format"`);
    }
    if (format === "custom" && type !== undefined && !isObject(type)) {
      ctx.report(path, `"${kind}_type" must be a JSON schema object when the format is "custom"`);
    }
  }
  if (onType === undefined || fieldName === undefined || functionName === undefined) return undefined;
  return { ...resolver, on_type: onType, field_name: fieldName, function_name: functionName };
}

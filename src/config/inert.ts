import { isObject, parseJsonText } from "./json.ts";
import { DATA_SOURCE_TYPES } from "./parse-data-sources.ts";
import type { AppFiles, ImportNote } from "./types.ts";

/** Top-level entries of an app directory that the model reads or that notes below explain. */
const KNOWN_TOP_LEVEL = new Set([
  "realm_config.json",
  "root_config.json",
  "auth",
  "data_sources",
  "environments",
  "functions",
  "graphql",
  "http_endpoints",
  "https_endpoints",
  "hosting",
  "log_forwarders",
  "sandbox",
  "services",
  "sync",
  "triggers",
  "values",
]);

/**
 * Notes on the parts of an app directory the sandbox keeps and exports again but does
 * not run: hosting, log forwarders, the Data API, third-party services, function
 * dependencies, and anything it does not know.
 */
export function inertPartNotes(files: AppFiles): ImportNote[] {
  const notes: ImportNote[] = [];
  const paths = Object.keys(files).sort();
  const firstUnder = (prefix: string) => paths.find((p) => p.startsWith(prefix));

  const hosting = firstUnder("hosting/");
  if (hosting) notes.push({ path: "hosting/", kind: "inert", message: "static hosting is kept but not served" });
  const forwarders = firstUnder("log_forwarders/");
  if (forwarders) notes.push({ path: "log_forwarders/", kind: "inert", message: "log forwarders are kept but forward nothing: the app log stays in the sandbox" });
  for (const dir of ["http_endpoints/", "https_endpoints/"]) {
    const dataApi = `${dir}data_api_config.json`;
    if (dataApi in files) notes.push({ path: dataApi, kind: "inert", message: "the Data API is kept but not served" });
  }
  if ("functions/package.json" in files || firstUnder("functions/node_modules/")) {
    notes.push({
      path: "functions/package.json",
      kind: "inert",
      message: "function dependencies are kept but not installed: require() of a package fails in the sandbox",
    });
  }
  notes.push(...thirdPartyServiceNotes(files, paths));

  const unknown = new Set<string>();
  for (const path of paths) {
    const top = path.split("/")[0];
    if (!KNOWN_TOP_LEVEL.has(top)) unknown.add(path.includes("/") ? `${top}/` : top);
  }
  for (const entry of unknown) {
    notes.push({ path: entry, kind: "kept", message: "not part of an App Services app directory the sandbox knows: kept and exported as it is" });
  }
  return notes;
}

/** services/<name>/ of a type other than MongoDB: Twilio, HTTP, AWS, GCM and the like. */
function thirdPartyServiceNotes(files: AppFiles, paths: string[]): ImportNote[] {
  const notes: ImportNote[] = [];
  const names = new Set(paths.filter((p) => p.startsWith("services/")).map((p) => p.split("/")[1]));
  for (const name of [...names].sort()) {
    const configPath = `services/${name}/config.json`;
    const parsed = configPath in files ? parseJsonText(files[configPath]) : undefined;
    const type = parsed?.ok && isObject(parsed.value) && typeof parsed.value.type === "string" ? parsed.value.type : "unknown type";
    if ((DATA_SOURCE_TYPES as readonly string[]).includes(type)) continue;
    const hasWebhooks = paths.some((p) => p.startsWith(`services/${name}/incoming_webhooks/`));
    const webhooks = hasWebhooks ? "; its incoming webhooks are served" : "";
    notes.push({
      path: `services/${name}/`,
      kind: "inert",
      message: `third-party service "${name}" (${type}) is kept, but its actions are not run: context.services.get("${name}") has nothing to call${webhooks}`,
    });
  }
  return notes;
}

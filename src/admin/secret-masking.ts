import type { SandboxApp } from "../app/app.ts";
import { SANDBOX_SECRETS } from "../config/parse-endpoints.ts";
import { configError } from "../config/parse-app.ts";
import { isObject, parseJsonText } from "../config/json.ts";
import type { AppFiles } from "../config/types.ts";

/**
 * Secret values never leave the backend through the console's API: every answer that
 * carries app files shows `sandbox/secrets.json` with each value replaced by a placeholder
 * naming a revision of that secret ("revision 2"). Equal values of one secret share a
 * revision and different values get different ones, so a diff shows a changed secret as
 * changed without revealing anything of it. A revision is a counter kept in memory (the
 * order in which this backend first saw each value: the deployed version's, then the
 * draft's), not derived from the value, so it gives nothing away. Files saved back with a
 * placeholder get the value it stands for.
 */

const PLACEHOLDER = /^\(hidden secret, revision (\d+)\)$/;

export function secretPlaceholder(revision: number): string {
  return `(hidden secret, revision ${revision})`;
}

/** Per app: secret name → the values seen, in order; a value's revision is its index + 1. */
const revisionsByApp = new WeakMap<SandboxApp, Map<string, string[]>>();

function revisionsOf(app: SandboxApp): Map<string, string[]> {
  let revisions = revisionsByApp.get(app);
  if (!revisions) {
    revisions = new Map();
    revisionsByApp.set(app, revisions);
    // Seeded in a fixed order so the live version's values get the lower revisions.
    for (const files of [app.deployedFiles, app.draft]) {
      for (const [name, value] of Object.entries(secretsOf(files) ?? {})) revisionOf(revisions, name, value);
    }
  }
  return revisions;
}

function revisionOf(revisions: Map<string, string[]>, name: string, value: string): number {
  let seen = revisions.get(name);
  if (!seen) revisions.set(name, (seen = []));
  const at = seen.indexOf(value);
  if (at >= 0) return at + 1;
  seen.push(value);
  return seen.length;
}

/** The secrets file as name → value; undefined when absent or not a JSON object. */
function secretsOf(files: AppFiles): Record<string, string> | undefined {
  const text = files[SANDBOX_SECRETS];
  if (text === undefined) return undefined;
  const parsed = parseJsonText(text);
  if (!parsed.ok || !isObject(parsed.value)) return undefined;
  return Object.fromEntries(Object.entries(parsed.value).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]));
}

function secretsText(secrets: Record<string, string>): string {
  return `${JSON.stringify(secrets, null, 4)}\n`;
}

/** The files with every secret value replaced by its placeholder (a new object; `files` is untouched). */
export function maskSecrets(app: SandboxApp, files: AppFiles): AppFiles {
  const text = files[SANDBOX_SECRETS];
  if (text === undefined) return files;
  const secrets = secretsOf(files);
  const revisions = revisionsOf(app);
  const masked = secrets
    ? secretsText(Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, secretPlaceholder(revisionOf(revisions, name, value))])))
    : // Not readable as an object (a deploy would refuse it anyway): show none of it.
      `${JSON.stringify("(hidden: this file could not be read as secrets)")}\n`;
  return { ...files, [SANDBOX_SECRETS]: masked };
}

/**
 * The files the page sent, with each placeholder put back to the value it stands for, so a
 * round trip through the page loses no secret. A file sent back exactly as it was shown
 * keeps the stored text byte for byte. A placeholder this backend never gave for that name
 * (copied to another secret, or from before a reload) is refused as deploy refuses a
 * problem, naming the secret, and nothing is saved.
 */
export function unmaskSecrets(app: SandboxApp, files: AppFiles): AppFiles {
  const text = files[SANDBOX_SECRETS];
  if (text === undefined) return files;
  for (const stored of [app.draft, app.deployedFiles]) {
    const storedText = stored[SANDBOX_SECRETS];
    if (storedText !== undefined && maskSecrets(app, stored)[SANDBOX_SECRETS] === text) return { ...files, [SANDBOX_SECRETS]: storedText };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok || !isObject(parsed.value)) return files; // deploy's checks report it
  const revisions = revisionsOf(app);
  const problems: { path: string; message: string }[] = [];
  const restored: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parsed.value)) {
    const revision = typeof value === "string" ? PLACEHOLDER.exec(value)?.[1] : undefined;
    if (revision === undefined) {
      restored[name] = value;
      continue;
    }
    const real = revisions.get(name)?.[Number(revision) - 1];
    if (real === undefined) {
      problems.push({
        path: SANDBOX_SECRETS,
        message: `secret "${name}" holds the placeholder of a value this sandbox does not know for it; type the secret's value instead, or set it on the Values screen`,
      });
    } else restored[name] = real;
  }
  if (problems.length > 0) throw configError(problems);
  return { ...files, [SANDBOX_SECRETS]: secretsText(restored as Record<string, string>) };
}

/**
 * The files as an export gives them: secret values included only when asked. Without them
 * each secret keeps its name with an empty value, as App Services exports never carried
 * secrets; values linked to a secret still find it, and it is set again on the Values screen.
 */
export function exportFiles(files: AppFiles, includeSecretValues: boolean): AppFiles {
  if (includeSecretValues || files[SANDBOX_SECRETS] === undefined) return files;
  const secrets = secretsOf(files) ?? {};
  return { ...files, [SANDBOX_SECRETS]: secretsText(Object.fromEntries(Object.keys(secrets).map((name) => [name, ""]))) };
}

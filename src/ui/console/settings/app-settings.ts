/** App Settings' reading of the draft: the app's name and the sandbox's own settings. */
import type { AppFiles } from "../../state/console-api.ts";
import { jsonFile, readJson } from "../../state/draft-files.ts";
import { configPath } from "../values/environments.ts";

/**
 * App Services kept no time zone in the app directory (the Atlas project had one), so the
 * sandbox keeps it with its other settings in sandbox/settings.json; UTC when unset.
 */
export const SANDBOX_SETTINGS = "sandbox/settings.json";

export const APP_NAME = /^[A-Za-z0-9_-]+$/;

export function appName(files: AppFiles | undefined): string {
  const name = readJson(files, configPath(files))?.name;
  return typeof name === "string" ? name : "";
}

export function nameProblem(name: string): string {
  if (name === "") return "Give the app a name.";
  if (!APP_NAME.test(name)) return 'An app name may only use letters, digits, "-" and "_" (no spaces).';
  if (name.length >= 64) return "An app name must be shorter than 64 characters.";
  return "";
}

export function timeZone(files: AppFiles | undefined): string {
  const zone = readJson(files, SANDBOX_SETTINGS)?.time_zone;
  return typeof zone === "string" && zone ? zone : "UTC";
}

export function withTimeZone(files: AppFiles | undefined, zone: string): AppFiles {
  return { [SANDBOX_SETTINGS]: jsonFile({ ...(readJson(files, SANDBOX_SETTINGS) ?? {}), time_zone: zone }) };
}

/** The time zones this browser knows, UTC first. */
export function timeZones(): string[] {
  const known = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return ["UTC", ...known.filter((z) => z !== "UTC")];
}

/** Bytes as a person reads them. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "unknown";
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

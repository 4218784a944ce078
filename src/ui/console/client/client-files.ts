/**
 * The Web client's files for one app: the draft's static hosting files when the app has
 * them, otherwise the starter; text typed but not yet saved is kept in localStorage
 * until the draft has it, so a reload or a refused save loses nothing.
 */
import type { AppFiles } from "../../state/console-api.ts";
import { CLIENT_FILE_NAMES, type ClientFileName, type ClientFiles } from "./preview-document.ts";
import { CLIENT_FILE_PATHS, STARTER_FILES } from "./starter-files.ts";

const UNSAVED = "realm-sandbox:client-unsaved:";

export type UnsavedFiles = Partial<ClientFiles>;

/** The files as the draft holds them, the starter standing in for any the app lacks. */
export function draftClientFiles(draft: AppFiles | undefined): ClientFiles {
  const files = { ...STARTER_FILES };
  for (const name of CLIENT_FILE_NAMES) {
    const text = draft?.[CLIENT_FILE_PATHS[name]];
    if (text !== undefined) files[name] = text;
  }
  return files;
}

/** Whether the draft has the client's files yet (an app that never saved them shows the starter). */
export function draftHasClient(draft: AppFiles | undefined): boolean {
  return CLIENT_FILE_NAMES.some((name) => draft?.[CLIENT_FILE_PATHS[name]] !== undefined);
}

export function readUnsaved(appId: string): UnsavedFiles {
  try {
    const value = JSON.parse(localStorage.getItem(UNSAVED + appId) ?? "{}") as unknown;
    if (typeof value !== "object" || value === null) return {};
    const files: UnsavedFiles = {};
    for (const name of CLIENT_FILE_NAMES) {
      const text = (value as Record<string, unknown>)[name];
      if (typeof text === "string") files[name] = text;
    }
    return files;
  } catch {
    return {};
  }
}

/** Keeps unsaved text; answers false when the browser refuses (storage full or off). */
export function writeUnsaved(appId: string, files: UnsavedFiles): boolean {
  try {
    if (Object.keys(files).length === 0) localStorage.removeItem(UNSAVED + appId);
    else localStorage.setItem(UNSAVED + appId, JSON.stringify(files));
    return true;
  } catch {
    return false;
  }
}

/** The draft files that save the given workspace files. */
export function draftFilesFor(files: UnsavedFiles): AppFiles {
  const set: AppFiles = {};
  for (const name of CLIENT_FILE_NAMES) {
    const text = files[name];
    if (text !== undefined) set[CLIENT_FILE_PATHS[name]] = text;
  }
  return set;
}

export function fileLanguage(name: ClientFileName): "html" | "javascript-module" {
  return name === "index.html" ? "html" : "javascript-module";
}

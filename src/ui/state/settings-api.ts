/**
 * App Settings' page-side calls: an app directory zipped and unzipped in the page (fflate,
 * loaded when first used), and an import that replaces the current app through the
 * console API. Only types come from the backend side.
 */
import type { AppFiles, AppImport, ConsoleApi } from "./console-api.ts";

/** The app directory as a .zip whose files sit in one folder named after the app, as exports did. */
export async function zipApp(files: AppFiles, folder: string): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import("fflate");
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[`${folder}/${path}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}

/** Imports an app directory over the app `appId`: the config is deployed, data, users and log are kept. */
export function importOver(api: ConsoleApi, appId: string, files: AppFiles, sourceName: string): Promise<AppImport> {
  return api.request<AppImport>("POST", "/", { files, appId, replace: true, sourceName });
}

/** Offers bytes or text as a download with the given file name. */
export function download(data: BlobPart, name: string, type: string): void {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([data], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A file name stamp: 2026-11-30-20-15. */
export function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 16).replace(/[:T]/g, "-");
}

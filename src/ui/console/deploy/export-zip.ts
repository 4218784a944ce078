/** A version of the app as an app directory in a .zip, as App Services' export gave it. */
import type { AppFiles } from "../../state/console-api.ts";

/** The zip's bytes: every file under one folder named after the app, which the import removes again. */
export async function zipApp(folder: string, files: AppFiles): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import("fflate");
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[`${folder}/${path}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}

/** Offers the zip as a download named `<folder>.zip`. */
export async function downloadZip(folder: string, files: AppFiles): Promise<void> {
  const bytes = await zipApp(folder, files);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/zip" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${folder}.zip`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A safe folder name: the app's name and the deployment's time. */
export function exportName(appName: string, deployedAt: number): string {
  const stamp = new Date(deployedAt * 1000).toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return `${appName.replace(/[^\w.-]+/g, "_") || "app"}-${stamp}`;
}

interface DirectoryHandle {
  getDirectoryHandle(name: string, options: { create: boolean }): Promise<DirectoryHandle>;
  getFileHandle(name: string, options: { create: boolean }): Promise<{ createWritable(): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> }>;
}

/** Whether this browser can write a folder the user picks (Chromium's File System Access API). */
export function canSaveFolder(): boolean {
  return typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === "function";
}

/** Writes the app directory as a folder named `folder` inside a folder the user picks. */
export async function saveFolder(folder: string, files: AppFiles): Promise<void> {
  const pick = (globalThis as unknown as { showDirectoryPicker(options: { mode: "readwrite" }): Promise<DirectoryHandle> }).showDirectoryPicker;
  const root = await (await pick({ mode: "readwrite" })).getDirectoryHandle(folder, { create: true });
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split("/");
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const writable = await (await dir.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
    await writable.write(text);
    await writable.close();
  }
}

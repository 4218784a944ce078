/** Turns what a person picks or drops (a folder, a .zip, loose files) into an app directory map. */

export type AppFileMap = Record<string, string>;

/** Files from `<input type=file webkitdirectory>`: paths relative to the picked folder, whose name is returned too. */
export async function readPickedFolder(files: FileList | File[]): Promise<{ files: AppFileMap; folder: string | undefined }> {
  const out: AppFileMap = {};
  let folder: string | undefined;
  for (const file of Array.from(files)) {
    const path = file.webkitRelativePath || file.name;
    const [first, ...rest] = path.split("/");
    folder ??= rest.length > 0 ? first : undefined;
    if (isSkipped(path)) continue;
    out[rest.length > 0 ? rest.join("/") : path] = await file.text();
  }
  return { files: out, folder };
}

/** A zip of an exported app (the enclosing folder, if any, is removed by the import). */
export async function readZip(file: File): Promise<AppFileMap> {
  const { unzipSync, strFromU8 } = await import("fflate");
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    throw new Error(`${file.name} is not a zip file that can be read (${(error as Error).message})`);
  }
  const out: AppFileMap = {};
  for (const [path, bytes] of Object.entries(entries)) {
    if (path.endsWith("/") || isSkipped(path)) continue;
    out[path] = strFromU8(bytes);
  }
  return out;
}

/** A dropped folder, read through the entries API; a dropped .zip is read as a zip. */
export async function readDrop(transfer: DataTransfer): Promise<{ files: AppFileMap; name: string | undefined }> {
  const items = Array.from(transfer.items).filter((i) => i.kind === "file");
  const entries = items.map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 1 && entries[0].isFile && entries[0].name.toLowerCase().endsWith(".zip")) {
    const file = transfer.files[0];
    return { files: await readZip(file), name: file.name.replace(/\.zip$/i, "") };
  }
  const out: AppFileMap = {};
  for (const entry of entries) await walk(entry, "", out);
  const name = entries.length === 1 && entries[0].isDirectory ? entries[0].name : undefined;
  return { files: out, name };
}

async function walk(entry: FileSystemEntry, prefix: string, out: AppFileMap): Promise<void> {
  const path = `${prefix}${entry.name}`;
  if (isSkipped(path)) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out[path] = await file.text();
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, `${path}/`, out);
  }
}

/** Dependencies and version-control files are not part of the app. */
function isSkipped(path: string): boolean {
  return /(^|\/)(node_modules|\.git)(\/|$)|(^|\/)\.DS_Store$/.test(path);
}

/** The files of two versions side by side: which were added, modified, removed or kept. */
import type { AppFiles } from "../../state/console-api.ts";
import type { PlacedProblem } from "./problem-lines.ts";

export type FileKind = "added" | "modified" | "removed" | "unchanged";

export interface FileEntry {
  path: string;
  kind: FileKind;
  /** Edited here and not saved to the draft yet. */
  edited?: boolean;
  problems: PlacedProblem[];
}

const ORDER: Record<FileKind, number> = { added: 0, modified: 1, removed: 2, unchanged: 3 };

export function fileEntries(before: AppFiles, after: AppFiles, problems: Map<string, PlacedProblem[]> = new Map(), edited: ReadonlySet<string> = new Set()): FileEntry[] {
  const paths = new Set([...Object.keys(before), ...Object.keys(after), ...problems.keys()]);
  const out: FileEntry[] = [];
  for (const path of paths) {
    const has = (files: AppFiles) => Object.prototype.hasOwnProperty.call(files, path);
    const kind: FileKind = !has(before) ? (has(after) ? "added" : "unchanged") : !has(after) ? "removed" : before[path] === after[path] ? "unchanged" : "modified";
    out.push({ path, kind, edited: edited.has(path), problems: problems.get(path) ?? [] });
  }
  return out.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.path.localeCompare(b.path));
}

/** The language the diff highlights a file in. */
export function languageOf(path: string): "json" | "javascript" | "text" {
  return path.endsWith(".json") ? "json" : path.endsWith(".js") ? "javascript" : "text";
}

import type { AppFiles } from "./types.ts";

export interface AppDiff {
  added: string[];
  removed: string[];
  modified: string[];
}

/** File-level diff of two app directories (deploy review and deployment history). */
export function diffApps(before: AppFiles, after: AppFiles): AppDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const modified: string[] = [];
  for (const path of Object.keys(after)) {
    if (!Object.prototype.hasOwnProperty.call(before, path)) added.push(path);
    else if (before[path] !== after[path]) modified.push(path);
  }
  for (const path of Object.keys(before)) {
    if (!Object.prototype.hasOwnProperty.call(after, path)) removed.push(path);
  }
  return { added: added.sort(), removed: removed.sort(), modified: modified.sort() };
}

export function isEmptyDiff(diff: AppDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.modified.length === 0;
}

/**
 * Text edited in the Deployment screen's diff and not yet saved to the draft, kept in
 * localStorage per app so a reload or a refused deploy loses nothing.
 */
import type { AppFiles } from "../../state/console-api.ts";

const key = (appId: string) => `realm-sandbox:deploy:edits:${appId}`;

export function loadEdits(appId: string, storage: Pick<Storage, "getItem"> = localStorage): AppFiles {
  try {
    const value = JSON.parse(storage.getItem(key(appId)) ?? "{}") as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AppFiles) : {};
  } catch {
    return {};
  }
}

export function saveEdits(appId: string, edits: AppFiles, storage: Pick<Storage, "setItem" | "removeItem"> = localStorage): void {
  if (Object.keys(edits).length === 0) storage.removeItem(key(appId));
  else storage.setItem(key(appId), JSON.stringify(edits));
}

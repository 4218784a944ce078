/**
 * Unsaved rules edits, kept in localStorage per app and file as they are typed, so a
 * reload or a crash loses nothing; removed when the edits are saved or discarded.
 */
import type { RulesForm } from "./rules-form.ts";

export interface UnsavedRules {
  /** The view that was open. */
  view: "form" | "json";
  /** The form (expressions as typed, even when not valid JSON yet). */
  form?: RulesForm;
  /** The JSON view's text, as typed. */
  text?: string;
  /** The file text the edits started from, to tell when it changed meanwhile. */
  base: string | null;
  savedAt: number;
}

const PREFIX = "realm-sandbox:rules-unsaved:";

export function unsavedKey(appId: string, path: string): string {
  return `${PREFIX}${appId}:${path}`;
}

export function loadUnsaved(storage: Pick<Storage, "getItem">, key: string): UnsavedRules | undefined {
  try {
    const value = JSON.parse(storage.getItem(key) ?? "null") as UnsavedRules | null;
    if (value && (value.view === "form" || value.view === "json") && typeof value.savedAt === "number") return value;
  } catch {
    // A damaged entry is ignored; the saved draft is shown instead.
  }
  return undefined;
}

/** False when the browser refused to store it (full or disabled storage). */
export function saveUnsaved(storage: Pick<Storage, "setItem">, key: string, value: UnsavedRules): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function clearUnsaved(storage: Pick<Storage, "removeItem">, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do: the entry stays until the next save.
  }
}

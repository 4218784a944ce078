/**
 * A trigger being edited and not saved yet, kept in this browser per app and trigger
 * (a new one under NEW_KEY), so a reload or a walk to another screen loses nothing. It is
 * dropped when saved to the draft or discarded.
 */
import type { NewFunction, TriggerFile } from "../../state/triggers-api.ts";

export interface UnsavedTrigger {
  file: TriggerFile;
  /** The function created with the trigger, when "New function" is chosen. */
  newFunction?: NewFunction;
  /** The JSON editors' text, kept even when it does not parse yet. */
  matchText?: string;
  projectText?: string;
  at: number;
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "realm-sandbox:console:trigger";
/** Trigger names are letters, digits, "_" and "-", so "+new" names no saved trigger. */
export const NEW_KEY = "+new";

const key = (appId: string, name: string) => `${PREFIX}:${appId}:${name}`;

export class UnsavedTriggers {
  constructor(private readonly storage: KeyValueStorage = localStorage) {}

  get(appId: string, name: string): UnsavedTrigger | undefined {
    try {
      const saved = JSON.parse(this.storage.getItem(key(appId, name)) ?? "null") as UnsavedTrigger | null;
      return saved && typeof saved.file === "object" && typeof saved.at === "number" ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  /** Returns false when the browser refused to keep it (storage full or blocked). */
  set(appId: string, name: string, value: UnsavedTrigger): boolean {
    try {
      this.storage.setItem(key(appId, name), JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  remove(appId: string, name: string): void {
    try {
      this.storage.removeItem(key(appId, name));
    } catch {
      // Nothing kept, nothing to remove.
    }
  }
}

/**
 * Text typed in the schema editor and not saved yet, kept in this browser per app and
 * collection, so a reload, a crash or a walk to another screen loses none of it. It is
 * dropped when the text is saved to the draft or reverted.
 */
import type { CollectionRef } from "../../state/schema-api.ts";

export interface UnsavedText {
  text: string;
  /** When it was last typed (ms since the epoch). */
  at: number;
}

type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "realm-sandbox:console:schema-text";

function key(appId: string, ref: CollectionRef): string {
  return `${PREFIX}:${appId}:${ref.service}/${ref.database}/${ref.collection}`;
}

export class UnsavedTexts {
  constructor(private readonly storage: KeyValueStorage = localStorage) {}

  get(appId: string, ref: CollectionRef): UnsavedText | undefined {
    try {
      const saved = JSON.parse(this.storage.getItem(key(appId, ref)) ?? "null") as UnsavedText | null;
      return saved && typeof saved.text === "string" && typeof saved.at === "number" ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  /** Returns false when the browser refused to keep it (storage full or blocked). */
  set(appId: string, ref: CollectionRef, text: string, at = Date.now()): boolean {
    try {
      this.storage.setItem(key(appId, ref), JSON.stringify({ text, at }));
      return true;
    } catch {
      return false;
    }
  }

  remove(appId: string, ref: CollectionRef): void {
    try {
      this.storage.removeItem(key(appId, ref));
    } catch {
      // Nothing kept, nothing to remove.
    }
  }
}

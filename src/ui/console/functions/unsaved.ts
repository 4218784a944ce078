/**
 * A function's unsaved edits (its text and settings), kept in this browser per app and
 * function until they are saved to the draft or reverted, so a reload loses none of it.
 */
type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface UnsavedFunction {
  source: string;
  /** The settings as the form holds them (a config.json entry). */
  settings: Record<string, unknown>;
  /** The can_evaluate editor's text, which may not be valid JSON yet. */
  canEvaluate: string;
  at: number;
}

const PREFIX = "realm-sandbox:console:function";
const key = (appId: string, name: string) => `${PREFIX}:${appId}:${name}`;

export class UnsavedFunctions {
  constructor(private readonly storage: KeyValueStorage = localStorage) {}

  get(appId: string, name: string): UnsavedFunction | undefined {
    try {
      const saved = JSON.parse(this.storage.getItem(key(appId, name)) ?? "null") as UnsavedFunction | null;
      return saved && typeof saved.source === "string" && typeof saved.canEvaluate === "string" && typeof saved.at === "number" ? saved : undefined;
    } catch {
      return undefined;
    }
  }

  /** Returns false when the browser refused to keep it (storage full or blocked). */
  set(appId: string, name: string, value: Omit<UnsavedFunction, "at">, at = Date.now()): boolean {
    try {
      this.storage.setItem(key(appId, name), JSON.stringify({ ...value, at }));
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

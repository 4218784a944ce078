/**
 * Forms typed and not saved yet, kept in this browser per screen, app and form, so a reload
 * or a walk to another screen loses none of it. Dropped on save or discard.
 */
export interface UnsavedForms {
  load<T>(appId: string, form: string): T | undefined;
  /** Returns false when the browser refused to keep it (storage full or blocked). */
  save(appId: string, form: string, value: unknown): boolean;
  clear(appId: string, form: string): void;
}

export function unsavedForms(screen: string): UnsavedForms {
  const key = (appId: string, form: string) => `realm-sandbox:console:${screen}:${appId}:${form}`;
  return {
    load<T>(appId: string, form: string): T | undefined {
      try {
        return (JSON.parse(localStorage.getItem(key(appId, form)) ?? "null") as T | null) ?? undefined;
      } catch {
        return undefined;
      }
    },
    save(appId, form, value) {
      try {
        localStorage.setItem(key(appId, form), JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    clear(appId, form) {
      try {
        localStorage.removeItem(key(appId, form));
      } catch {
        // Nothing kept, nothing to remove.
      }
    },
  };
}

/**
 * Forms of the GraphQL screen typed and not saved yet, kept in this browser per app and
 * form, so a reload or a walk to another screen loses none of it. Dropped on save or discard.
 */
const PREFIX = "realm-sandbox:console:graphql";

export function loadUnsaved<T>(appId: string, form: string): T | undefined {
  try {
    return (JSON.parse(localStorage.getItem(`${PREFIX}:${appId}:${form}`) ?? "null") as T | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Returns false when the browser refused to keep it (storage full or blocked). */
export function saveUnsaved(appId: string, form: string, value: unknown): boolean {
  try {
    localStorage.setItem(`${PREFIX}:${appId}:${form}`, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function clearUnsaved(appId: string, form: string): void {
  try {
    localStorage.removeItem(`${PREFIX}:${appId}:${form}`);
  } catch {
    // Nothing kept, nothing to remove.
  }
}

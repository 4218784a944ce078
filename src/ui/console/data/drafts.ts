/**
 * Documents being inserted or edited, kept in localStorage as they are typed, so a reload,
 * a closed tab or a switch to another screen loses nothing. A draft lives until it is
 * saved or discarded. One draft per document (by `_id`) and one new document per collection.
 */

export interface DocumentDraft {
  /** `new`, or the canonical Extended JSON of the edited document's `_id`. */
  target: "new" | { id: unknown };
  text: string;
  /** The document's text when editing started, to tell whether anything changed. */
  original: string;
  updatedAt: number;
}

const PREFIX = "realm-sandbox:data-draft";

export class DraftStore {
  constructor(
    private readonly storage: Storage,
    /** App and namespace, e.g. `tasktracker-sandbox:tracker.tasks`. */
    private readonly scope: string,
  ) {}

  private key(target: DocumentDraft["target"]): string {
    return `${PREFIX}:${this.scope}:${target === "new" ? "new" : JSON.stringify(target.id)}`;
  }

  /** Every draft of this collection, oldest first. */
  list(): DocumentDraft[] {
    const drafts: DocumentDraft[] = [];
    const prefix = `${PREFIX}:${this.scope}:`;
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(prefix)) continue;
      try {
        const draft = JSON.parse(this.storage.getItem(key) ?? "null") as DocumentDraft | null;
        if (draft && typeof draft.text === "string") drafts.push(draft);
      } catch {
        // A damaged entry is skipped, not thrown away: it may still be read by hand.
      }
    }
    return drafts.sort((a, b) => a.updatedAt - b.updatedAt);
  }

  get(target: DocumentDraft["target"]): DocumentDraft | undefined {
    try {
      return JSON.parse(this.storage.getItem(this.key(target)) ?? "null") ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** Saves the text; answers false when the browser refused to store it (quota, privacy mode). */
  put(draft: DocumentDraft): boolean {
    try {
      this.storage.setItem(this.key(draft.target), JSON.stringify({ ...draft, updatedAt: Date.now() }));
      return true;
    } catch {
      return false;
    }
  }

  remove(target: DocumentDraft["target"]): void {
    this.storage.removeItem(this.key(target));
  }
}

export function draftKey(target: DocumentDraft["target"]): string {
  return target === "new" ? "new" : JSON.stringify(target.id);
}

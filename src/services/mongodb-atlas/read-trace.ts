import { isPlainObject, type Document } from "../../bson/types.ts";
import { Budget } from "../../query/limits.ts";
import { compileFilter } from "../../query/matcher.ts";
import type { AccessPlan } from "../../query/plan.ts";
import type { DocumentStore } from "../../storage/document-store.ts";
import { noteId, TRACE_ID_LIMIT, type OperationTrace } from "../explain-trace.ts";

/** What `readMatching` tells Explain as it reads; made only for a traced request. */
export interface ReadTracer {
  candidates(store: DocumentStore, ns: string, plan: AccessPlan): Promise<Document[]>;
  pages(pages: AsyncGenerator<Document[]>): AsyncGenerator<Document[]>;
  /** A document storage returned, and whether it matched the filter that ran. */
  candidate(stored: Document, matched: boolean): void;
  /** A matched document and what the rules let the caller see of it (undefined: withheld). */
  decided(stored: Document, visible: Document | undefined): void;
}

export function traceRead(op: OperationTrace, filter: Document, restricted: Document): ReadTracer {
  const now = () => performance.now();
  if (restricted !== filter) op.restrictedFilter = restricted;
  // Only to tell apart what the rules' query filters left out from what the caller's filter did.
  let callerMatches: ((doc: Document) => boolean) | undefined;
  const matchesCaller = (doc: Document) => (callerMatches ??= compileFilter(filter, new Budget()))(doc);
  return {
    async candidates(store, ns, plan) {
      const started = now();
      let read: OperationTrace["storage"][number] | undefined;
      const docs = await store.candidates(ns, plan, (access, documents) => (read = { ...access, documents, ms: 0 }));
      if (read) {
        read.ms = now() - started;
        op.storage.push(read);
        op.read += read.documents;
      }
      op.storageMs += now() - started;
      return docs;
    },
    async *pages(pages) {
      const read = { kind: "scan" as const, keys: 0, documents: 0, ms: 0 };
      op.storage.push(read);
      try {
        for (;;) {
          const started = now();
          const next = await pages.next();
          const spent = now() - started;
          read.ms += spent;
          op.storageMs += spent;
          if (next.done) return;
          read.keys++;
          read.documents += next.value.length;
          op.read += next.value.length;
          yield next.value;
        }
      } finally {
        // The reader stopped early (it had enough): stop the scan too.
        await pages.return(undefined);
      }
    },
    candidate(stored, matched) {
      if (matched) op.matched++;
      else if (restricted !== filter && matchesCaller(stored)) noteId(op.filteredOut, stored._id);
    },
    decided(stored, visible) {
      if (!visible) {
        noteId(op.withheld, stored._id);
        return;
      }
      const role = roleOf(op, stored);
      if (role !== undefined) op.roles[role] = (op.roles[role] ?? 0) + 1;
      const paths = hiddenPaths(stored, visible);
      if (paths.length === 0) return;
      op.hidden.count++;
      if (op.hidden.documents.length < TRACE_ID_LIMIT) op.hidden.documents.push({ id: stored._id, paths });
    },
  };
}

/** The role the rules applied to a document: its decision is the latest one for that very `_id`. */
function roleOf(op: OperationTrace, stored: Document): string | undefined {
  const decisions = op.rules.decisions;
  for (let i = decisions.length - 1; i >= 0; i--) if (decisions[i].documentId === stored._id) return decisions[i].role;
  return undefined;
}

/** Dotted paths of the stored document that the caller does not see. */
export function hiddenPaths(stored: unknown, visible: unknown, prefix = ""): string[] {
  if (visible === undefined) return prefix ? [prefix] : [];
  if (!isPlainObject(stored) || !isPlainObject(visible)) return [];
  const out: string[] = [];
  for (const key of Object.keys(stored)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(visible, key)) out.push(path);
    else out.push(...hiddenPaths(stored[key], visible[key], path));
  }
  return out;
}

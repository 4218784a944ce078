import type { Document } from "../../bson/types.ts";

export type WriteKind = "insert" | "update" | "replace" | "delete";

/**
 * What a request may do with the documents of one namespace. The service asks the
 * policy at each step; the rules engine supplies one per request, and system
 * requests get `SYSTEM_POLICY`, which allows everything.
 */
export interface AccessPolicy {
  /** Whether written documents are validated against the collection schema. */
  readonly validatesSchema: boolean;
  /** The filter to run, after query filters have been merged in. */
  restrictFilter(filter: Document): Document | Promise<Document>;
  /** The document as the caller may see it, or undefined when it is withheld. */
  readDocument(doc: Document): Document | undefined | Promise<Document | undefined>;
  /** Throws the App Services error when the write is not permitted. `before` is absent on insert, `after` on delete. */
  checkWrite(kind: WriteKind, before: Document | undefined, after: Document | undefined): void | Promise<void>;
}

export const SYSTEM_POLICY: AccessPolicy = Object.freeze({
  validatesSchema: false,
  restrictFilter: (filter: Document) => filter,
  readDocument: (doc: Document) => doc,
  checkWrite: () => undefined,
});

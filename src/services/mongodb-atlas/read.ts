import type { Document } from "../../bson/types.ts";
import { Budget } from "../../query/limits.ts";
import { compileFilter } from "../../query/matcher.ts";
import { planQuery } from "../../query/plan.ts";
import type { DocumentStore } from "../../storage/document-store.ts";
import type { OperationTrace } from "../explain-trace.ts";
import type { AccessPolicy } from "./access-policy.ts";
import { traceRead, type ReadTracer } from "./read-trace.ts";

/** Bounds of a limited scan's first page: a few documents cost about what one does; storage pages stop growing at 1,024. */
const MIN_FIRST_PAGE = 16;
const MAX_FIRST_PAGE = 1024;

export interface MatchedDocument {
  /** The stored document, for writes. */
  stored: Document;
  /** The document as the caller may see it. */
  visible: Document;
}

/**
 * The documents of a namespace that match a filter and that the policy lets the
 * caller see, in storage order. The policy's filters are merged first, so
 * documents they exclude are never matched; withheld documents are never matched
 * either, so they can be neither read nor written.
 */
export async function readMatching(
  store: DocumentStore,
  ns: string,
  filter: Document,
  policy: AccessPolicy,
  /** Stop after this many matches (no sort, a limit): a scan then reads only as far as needed. */
  want = Infinity,
  /** Explain only: what the read finds is recorded here. */
  op?: OperationTrace,
): Promise<MatchedDocument[]> {
  const restricted = await policy.restrictFilter(filter);
  const plan = planQuery(restricted, store.indexedFields(ns));
  const tracer: ReadTracer | undefined = op && traceRead(op, filter, restricted);
  // One time and memory budget for the whole read (see query/limits.ts); time counts
  // while documents are tested, not while storage or an asynchronous rule is awaited.
  const budget = new Budget();
  const matches = compileFilter(restricted, budget);
  const found: MatchedDocument[] = [];
  const take = async (candidates: Document[]) => {
    budget.enter();
    try {
      for (const stored of candidates) {
        if (found.length >= want) return;
        const matched = matches(stored);
        if (tracer) tracer.candidate(stored, matched);
        if (!matched) continue;
        let visible = policy.readDocument(stored);
        if (visible instanceof Promise) {
          budget.exit();
          try {
            visible = await visible;
          } finally {
            budget.enter();
          }
        }
        if (tracer) tracer.decided(stored, visible);
        if (visible) found.push({ stored, visible });
      }
    } finally {
      budget.exit();
    }
  };
  if (plan.kind === "scan" && want !== Infinity) {
    // The first page holds as many documents as are wanted, since the rules' filters are part of
    // the query; later pages, read only when documents did not match or were withheld, grow.
    const pages = store.scanPages(ns, Math.min(Math.max(want, MIN_FIRST_PAGE), MAX_FIRST_PAGE));
    for await (const page of tracer ? tracer.pages(pages) : pages) {
      await take(page);
      if (found.length >= want) break;
    }
  } else {
    await take(tracer ? await tracer.candidates(store, ns, plan) : await store.candidates(ns, plan));
  }
  return found;
}

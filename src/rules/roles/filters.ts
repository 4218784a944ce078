import { isPlainObject, type Document } from "../../bson/types.ts";
import { compileProjection, type Projector } from "../../query/projection.ts";
import { ExpressionError, expandValue } from "../expressions/index.ts";
import type { RuleSession, Steps } from "./session.ts";
import type { PermissionOutcome, RulesTrace } from "./trace.ts";

/** What the applying query filters add to a request. */
export interface AppliedFilters {
  /** Each applying filter's query, expansions substituted; ANDed with the request's query. */
  queries: Document[];
  /** The applying filters' projections merged into one, when any has one. */
  projection: Document | undefined;
  /** Applies `projection` to a visible document. */
  project: Projector | undefined;
}

/**
 * Query filters (reference §3.6): every filter whose `apply_when` holds for the caller
 * (no document exists yet, so document expansions are missing) contributes its query
 * and projection. An inclusive projection mixed with an exclusive one fails the request.
 */
export function* filterSteps(s: RuleSession, t: RulesTrace | undefined): Steps<AppliedFilters> {
  const queries: Document[] = [];
  let projection: Document | undefined;
  for (const filter of s.rules.filters) {
    const sink: PermissionOutcome[] | undefined = t ? [] : undefined;
    const applies = yield* s.check(filter.applyWhen, "apply_when", undefined, undefined, sink);
    let query: Document | undefined;
    if (applies) {
      query = expandQuery(filter.query, s, `${filter.where}.query`);
      if (Object.keys(query).length > 0) queries.push(query);
      if (Object.keys(filter.projection).length > 0) projection = { ...projection, ...filter.projection };
    }
    if (t && sink) {
      t.filters.push({
        filter: filter.name,
        applyWhen: sink[0],
        ...(applies ? { query, projection: filter.projection } : {}),
      });
    }
  }
  return { queries, projection, project: projection ? compileProjection(projection) : undefined };
}

/** The request's filter with the applying filters' queries ANDed in. */
export function restrictQuery(filter: Document, applied: AppliedFilters): Document {
  if (applied.queries.length === 0) return filter;
  const parts = Object.keys(filter).length > 0 ? [filter, ...applied.queries] : applied.queries;
  return parts.length === 1 ? parts[0] : { $and: parts };
}

function expandQuery(query: Document, s: RuleSession, where: string): Document {
  try {
    const expanded = expandValue(query, s.base);
    return isPlainObject(expanded) ? expanded : {};
  } catch (error) {
    throw error instanceof ExpressionError ? error.atPath(where) : error;
  }
}

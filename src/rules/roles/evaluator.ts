import type { RulesConfig } from "../../config/types.ts";
import type { Document } from "../../bson/types.ts";
import { compileRules, type CompiledRules } from "./compile.ts";
import { readSteps, searchSteps, writeSteps, type WriteDecision, type WriteKind } from "./decide.ts";
import { filterSteps, type AppliedFilters } from "./filters.ts";
import { run, RuleSession, type MaybePromise, type RuleRequest } from "./session.ts";
import type { DecisionOperation, DocumentDecision, RulesTrace } from "./trace.ts";

/**
 * The rules of one namespace applied for one caller. Create one per request: results
 * of expressions that read no document (most `apply_when`s, filter conditions) are
 * kept for its lifetime. Every method answers synchronously unless an expression it
 * evaluates contains `%function`; pass a trace to record each decision.
 */
export class RuleEvaluator {
  readonly rules: CompiledRules;
  private readonly session: RuleSession;
  private applied: MaybePromise<AppliedFilters> | undefined;

  constructor(rules: RulesConfig | CompiledRules, request: RuleRequest) {
    this.rules = "generation" in rules ? rules : compileRules(rules);
    this.session = new RuleSession(this.rules, request);
  }

  /** The document as the caller may see it (unreadable fields removed), or undefined when withheld. Filter projections are not applied here. */
  read(doc: Document, trace?: RulesTrace): MaybePromise<Document | undefined> {
    return run(readSteps(this.session, doc, trace && decision(trace, "read", doc)));
  }

  /** Whether a write is permitted; `before` is absent on insert, `after` on delete. */
  write(kind: WriteKind, before: Document | undefined, after: Document | undefined, trace?: RulesTrace): MaybePromise<WriteDecision> {
    return run(writeSteps(this.session, kind, before, after, trace && decision(trace, kind, kind === "insert" ? after : before)));
  }

  /** The query filters that apply to this caller; computed once. */
  filters(trace?: RulesTrace): MaybePromise<AppliedFilters> {
    if (this.applied === undefined) {
      const applied = run(filterSteps(this.session, trace));
      this.applied = applied;
      if (applied instanceof Promise) {
        applied.then(
          (value) => void (this.applied = value),
          () => void (this.applied = undefined),
        );
      }
    }
    return this.applied;
  }

  /** Whether the caller may run Atlas Search (`$search`) on the collection. */
  search(trace?: RulesTrace): MaybePromise<boolean> {
    return run(searchSteps(this.session, trace && decision(trace, "search", undefined)));
  }
}

function decision(trace: RulesTrace, operation: DecisionOperation, doc: Document | undefined): DocumentDecision {
  const entry: DocumentDecision = { operation, roles: [], document: [], fields: [], allowed: false, reason: "" };
  if (doc && doc._id !== undefined) entry.documentId = doc._id;
  trace.decisions.push(entry);
  return entry;
}

/**
 * The rule set that governs a collection (reference §3.3): its own roles when it has
 * any, otherwise the data source's default rule. Undefined means no rule exists.
 */
export function effectiveRules(collection: RulesConfig | undefined, defaultRule: RulesConfig | undefined): RulesConfig | undefined {
  if (collection && collection.roles.length > 0) return collection;
  if (defaultRule && defaultRule.roles.length > 0) return defaultRule;
  return undefined;
}

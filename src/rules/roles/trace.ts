import { formatTrace, formatValue, type TraceEntry } from "../expressions/index.ts";

/**
 * Structured records of rule decisions, for the console's "why" view. Plain data (safe
 * to post between threads). Nothing here is built unless a trace is passed in.
 */

/** One evaluated permission: a role's `read`, a field's `write`, a filter's `apply_when`… */
export interface PermissionOutcome {
  /** What was asked, e.g. `apply_when`, `read`, `document_filters.write`, `insert`. */
  name: string;
  /** Location in the rules file, e.g. `roles[1].read`. */
  where: string;
  result: boolean;
  /** `default` (not set), `constant` (true/false in the config), `expression`. */
  source: "default" | "constant" | "expression";
  /** The result was reused from an earlier evaluation in this request. */
  cached?: boolean;
  /** The expression's evaluation, with substituted values. */
  entries?: TraceEntry[];
}

export interface RoleAttempt {
  role: string;
  index: number;
  applyWhen: PermissionOutcome;
}

export interface FieldOutcome {
  /** Dotted document path, e.g. `meta.reviewers`. */
  path: string;
  access: "read" | "write";
  allowed: boolean;
  /** The setting that decided, e.g. `fields.status.write`, `additional_fields.read`. */
  via: string;
  outcome?: PermissionOutcome;
}

export type DecisionOperation = "read" | "insert" | "update" | "replace" | "delete" | "search" | "sync";

export interface DocumentDecision {
  operation: DecisionOperation;
  /** The document's `_id`, when it has one. */
  documentId?: unknown;
  roles: RoleAttempt[];
  /** The applied role, if any applied. */
  role?: string;
  /** Document-level permissions in the order they were evaluated. */
  document: PermissionOutcome[];
  fields: FieldOutcome[];
  allowed: boolean;
  /** One line saying why. */
  reason: string;
}

export interface FilterOutcome {
  filter: string;
  applyWhen: PermissionOutcome;
  /** The query after expansion, when the filter applied. */
  query?: unknown;
  projection?: unknown;
}

/** Collects every decision of one request (or more). */
export interface RulesTrace {
  namespace?: string;
  filters: FilterOutcome[];
  decisions: DocumentDecision[];
}

export function createRulesTrace(namespace?: string): RulesTrace {
  return { namespace, filters: [], decisions: [] };
}

/** Renders a trace (or one decision) as indented lines. */
export function formatDecisionTrace(trace: RulesTrace | DocumentDecision): string[] {
  if ("decisions" in trace) {
    const lines: string[] = [];
    if (trace.namespace) lines.push(`rules for ${trace.namespace}`);
    for (const filter of trace.filters) {
      lines.push(`filter ${filter.filter}: ${outcomeLine(filter.applyWhen)}`);
      lines.push(...entryLines(filter.applyWhen, "    "));
      if (filter.query !== undefined) lines.push(`  query ${formatValue(filter.query, 120)}`);
      if (filter.projection !== undefined) lines.push(`  projection ${formatValue(filter.projection, 120)}`);
    }
    for (const decision of trace.decisions) lines.push(...formatDecisionTrace(decision));
    return lines;
  }
  const decision = trace;
  const id = decision.documentId === undefined ? "" : ` _id: ${formatValue(decision.documentId, 60)}`;
  const lines = [`${decision.operation}${id} → ${decision.allowed ? "allowed" : "denied"}: ${decision.reason}`];
  for (const attempt of decision.roles) {
    lines.push(`  role ${attempt.role}: ${outcomeLine(attempt.applyWhen)}`);
    lines.push(...entryLines(attempt.applyWhen, "      "));
  }
  if (decision.role !== undefined) lines.push(`  applied role: ${decision.role}`);
  for (const outcome of decision.document) {
    lines.push(`  ${outcome.name}: ${outcomeLine(outcome)}`);
    lines.push(...entryLines(outcome, "      "));
  }
  for (const field of decision.fields) {
    lines.push(`  ${field.access} ${field.path}: ${field.allowed} (${field.via}${field.outcome ? `, ${sourceText(field.outcome)}` : ""})`);
    if (field.outcome) lines.push(...entryLines(field.outcome, "      "));
  }
  return lines;
}

function outcomeLine(outcome: PermissionOutcome): string {
  return `${outcome.result} (${outcome.where}, ${sourceText(outcome)})`;
}

function sourceText(outcome: PermissionOutcome): string {
  const source = outcome.source === "default" ? "default" : outcome.source === "constant" ? "set" : "expression";
  return outcome.cached ? `${source}, evaluated once per request` : source;
}

function entryLines(outcome: PermissionOutcome, indent: string): string[] {
  return outcome.entries ? formatTrace(outcome.entries, indent) : [];
}

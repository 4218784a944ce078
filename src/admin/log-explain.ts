import type { SandboxApp } from "../app/app.ts";
import type { RulesConfig } from "../config/types.ts";
import { effectiveRules } from "../rules/roles/index.ts";
import type { LogEntry } from "../log/app-log.ts";
import type { ExplainAction, FieldView, FilterView, OutcomeView, RoleView, RuleExplanation } from "./rules-explain.ts";

/*
 * A refused write's log entry as a Why view. The entry keeps the decision trace as the
 * lines src/app/denial-log.ts wrote at the time of the refusal (the document itself is
 * not logged, so the rules cannot be run again for it): those lines are read back into
 * the explanation's parts, and each setting is shown as the deployed rules write it now.
 */

const SERVICE = "mongodb-atlas";
const OPERATIONS: Record<string, ExplainAction> = { insert: "insert", update: "write", replace: "write", delete: "delete", read: "read", search: "read", sync: "write" };

const FILTER = /^filter (.+?): (true|false) \(([^,]+), ([^)]+)\)$/;
const DECISION = /^(read|insert|update|replace|delete|search|sync)(?: _id: .*?)? → (allowed|denied): (.*)$/;
const ROLE = /^ {2}role (.+?): (true|false) \(([^,]+), ([^)]+)\)$/;
const APPLIED = /^ {2}applied role: (.*)$/;
const FIELD = /^ {2}(read|write) (\S+): (true|false) \(([^,)]+)(?:, ([^)]+))?\)$/;
const OUTCOME = /^ {2}([\w.]+): (true|false) \(([^,]+), ([^)]+)\)$/;

/** Whether an entry carries a refusal the Why view can explain. */
export function isExplainable(entry: Pick<LogEntry, "type" | "details">): boolean {
  const d = entry.details;
  return entry.type === "rules" && !!d && typeof d.namespace === "string" && Array.isArray(d.trace);
}

export async function explainLogEntry(app: SandboxApp, entry: LogEntry): Promise<RuleExplanation> {
  const details = entry.details ?? {};
  const namespace = String(details.namespace);
  const dot = namespace.indexOf(".");
  const database = namespace.slice(0, dot);
  const collection = namespace.slice(dot + 1);
  const lines = (details.trace as unknown[]).map(String);
  const record = entry.userId ? await app.db.users.get(entry.userId) : undefined;
  const config = app.deployed.collections.find((c) => c.service === SERVICE && c.database === database && c.collection === collection);
  const rules = effectiveRules(config?.rules, app.deployed.defaultRules[SERVICE]);
  const written = (where: string) => asWritten(rules, where);

  const out: RuleExplanation = {
    database,
    collection,
    action: "write",
    user: { id: entry.userId ?? "(unknown)", email: record?.email || undefined },
    governedBy: config?.rules?.roles.length ? "collection roles" : rules ? "default roles" : "no rules",
    allowed: false,
    reason: typeof details.reason === "string" ? details.reason : "",
    message: entry.summary.replace(/ \([^()]*\)$/, ""),
    filters: [],
    roles: [],
    document: [],
    fields: [],
    hiddenFields: [],
    rulesHref: `#/rules/${encodeURIComponent(database)}/${encodeURIComponent(collection)}`,
    trace: lines,
  };

  const outcome = (name: string, result: string, where: string, source: string): OutcomeView => {
    const kind = source.split(",")[0].trim();
    return {
      name,
      where,
      result: result === "true",
      source: kind === "set" ? "constant" : kind === "default" ? "default" : "expression",
      asWritten: written(where),
      lines: [],
    };
  };
  let attempts: { name: string; applyWhen: OutcomeView }[] = [];
  let last: OutcomeView | undefined;
  let filter: FilterView | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = FILTER.exec(line))) {
      last = outcome("apply_when", m[2], m[3], m[4]);
      filter = { name: m[1], applies: last.result, applyWhen: last };
      out.filters.push(filter);
    } else if (filter && line.startsWith("  query ")) {
      filter.query = line.slice(8);
    } else if (filter && line.startsWith("  projection ")) {
      filter.projection = line.slice(13);
    } else if ((m = DECISION.exec(line))) {
      // A request may trace several documents; the last decision is the refused one.
      filter = undefined;
      last = undefined;
      attempts = [];
      out.action = OPERATIONS[m[1]] ?? "write";
      out.allowed = m[2] === "allowed";
      out.appliedRole = undefined;
      out.document = [];
      out.fields = [];
      if (!details.reason) out.reason = m[3];
    } else if ((m = ROLE.exec(line))) {
      last = outcome("apply_when", m[2], m[3], m[4]);
      attempts.push({ name: m[1], applyWhen: last });
    } else if ((m = APPLIED.exec(line))) {
      out.appliedRole = m[1];
      last = undefined;
    } else if ((m = FIELD.exec(line))) {
      const role = rules?.roles.findIndex((r) => r.name === out.appliedRole) ?? -1;
      last = m[5] ? outcome(`${m[1]} ${m[2]}`, m[3], m[4], m[5]) : undefined;
      if (last && role >= 0) last.asWritten = written(`roles[${role}].${m[4]}`);
      const field: FieldView = { path: m[2], access: m[1] as "read" | "write", allowed: m[3] === "true", via: m[4], outcome: last };
      out.fields.push(field);
    } else if ((m = OUTCOME.exec(line))) {
      last = outcome(m[1], m[2], m[3], m[4]);
      out.document.push(last);
    } else if (/^ {4}/.test(line) && last) {
      last.lines.push(line.replace(/^ {4,6}/, ""));
    }
  }
  if (/partition/.test(lines.join("\n"))) out.governedBy = "sync permissions";
  out.roles = rolesOf(rules, attempts);
  return out;
}

/** The roles as now deployed, each with its attempt in the refused request (matched by name). */
function rolesOf(rules: RulesConfig | undefined, attempts: { name: string; applyWhen: OutcomeView }[]): RoleView[] {
  const configured = rules?.roles ?? [];
  const views: RoleView[] = configured.map((role, index) => {
    const attempt = attempts.find((a) => a.name === role.name);
    return { name: role.name, index, asWritten: JSON.stringify(role.apply_when ?? {}), tried: attempt !== undefined, applyWhen: attempt?.applyWhen };
  });
  // Roles renamed or removed since the refusal still show what was tried.
  for (const attempt of attempts) {
    if (!views.some((v) => v.name === attempt.name)) {
      views.push({ name: attempt.name, index: views.length, asWritten: attempt.applyWhen.asWritten ?? "(no longer in the rules)", tried: true, applyWhen: attempt.applyWhen });
    }
  }
  return views;
}

/** The setting at a trace location (`roles[1].fields.status.read`) as JSON, or undefined when it is not set. */
function asWritten(rules: RulesConfig | undefined, where: string): string | undefined {
  let value: unknown = rules;
  for (const part of where.split(/\.|(?=\[)/)) {
    if (value === undefined || value === null || typeof value !== "object") return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    value = index ? (value as unknown[])[Number(index[1])] : (value as Record<string, unknown>)[part];
  }
  return value === undefined ? undefined : JSON.stringify(value);
}

/**
 * How log entries read on the Logs screen and in its exports: times, durations, type
 * names, and the filters kept across reloads.
 */
import { NO_FILTERS, type LogFilters, type LogRow } from "../../state/logs-api.ts";
import { withheldOf } from "./withheld.ts";

export const TYPE_LABELS: Record<string, string> = {
  request: "Request",
  function: "Function",
  trigger: "Trigger",
  auth: "Authentication",
  graphql: "GraphQL",
  rules: "Rules",
  deploy: "Deploy",
  system: "System",
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** `14:03:07.123`, today's date left out; other days as `2026-11-29 14:03:07`. */
export function shortTime(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  if (new Date(now).toDateString() === d.toDateString()) return clock;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * What the table's last column shows: a client request without the client API's long
 * prefix, and with the function or GraphQL operation it ran; other entries as summarized.
 */
export function shortSummary(row: Pick<LogRow, "type" | "summary" | "details">): string {
  const d = row.details ?? {};
  if (row.type !== "request" || typeof d.path !== "string") return `${row.summary}${withheldNote(d)}`;
  const path = d.path.replace(/^.*\/api\/client\/v2\.0\/app\/[^/]+/, "");
  const what = typeof d.function === "string" ? ` · ${d.function}${typeof d.service === "string" && d.service !== "mongodb-atlas" ? ` (${d.service})` : ""}` : typeof d.operationName === "string" ? ` · ${d.operationName}` : "";
  return `${`${d.method ?? ""} ${path} ${d.status ?? ""}${what}`.trim()}${withheldNote(d)}`;
}

/** " · 3 withheld by rules" when the rules withheld documents or fields from the entry's reads, so the table shows it. */
function withheldNote(details: Record<string, unknown>): string {
  const n = withheldOf(details).reduce((sum, s) => sum + s.documents + s.fieldsHidden, 0);
  return n > 0 ? ` · ${n} withheld by rules` : "";
}

/** The user as a person reads it: the email when known, else the id. */
export function userLabel(row: Pick<LogRow, "userId" | "userEmail">): string {
  return row.userEmail ?? row.userId ?? "";
}

/** The entries as the export file holds them: one JSON object per line, or one JSON array. */
export function exportText(rows: readonly LogRow[], format: "jsonl" | "json"): string {
  const plain = rows.map(({ explainable: _e, ...row }) => ({ ...row, time: new Date(row.time).toISOString() }));
  return format === "jsonl" ? plain.map((r) => JSON.stringify(r)).join("\n") + (plain.length ? "\n" : "") : JSON.stringify(plain, null, 2);
}

const FILTERS_KEY = "realm-sandbox:logs:filters";

/**
 * Filters named in the address (`#/logs?type=function&q=hello`), so another screen can
 * link to the entries it is about; undefined when the address names none.
 */
export function filtersInHash(hash: string): LogFilters | undefined {
  const at = hash.indexOf("?");
  if (at < 0) return undefined;
  const params = new URLSearchParams(hash.slice(at + 1));
  const keys = Object.keys(NO_FILTERS) as (keyof LogFilters)[];
  if (!keys.some((key) => params.has(key))) return undefined;
  const out = { ...NO_FILTERS };
  for (const key of keys) out[key] = params.get(key) ?? "";
  return out;
}

export function savedFilters(appId: string, storage: Pick<Storage, "getItem"> = localStorage): LogFilters {
  try {
    const saved = JSON.parse(storage.getItem(`${FILTERS_KEY}:${appId}`) ?? "null") as Partial<LogFilters> | null;
    if (saved && typeof saved === "object") {
      const out = { ...NO_FILTERS };
      for (const key of Object.keys(NO_FILTERS) as (keyof LogFilters)[]) if (typeof saved[key] === "string") out[key] = saved[key];
      return out;
    }
  } catch {
    // A damaged entry starts with no filters.
  }
  return { ...NO_FILTERS };
}

export function saveFilters(appId: string, filters: LogFilters, storage: Pick<Storage, "setItem"> = localStorage): void {
  storage.setItem(`${FILTERS_KEY}:${appId}`, JSON.stringify(filters));
}

/**
 * The Logs screen's calls on the console API (src/admin/log-routes.ts). Only types come
 * from the backend side.
 */
import type { LogPage, LogRow } from "../../admin/log-routes.ts";
import type { RuleExplanation } from "../../admin/rules-explain.ts";
import type { LogType } from "../../log/app-log.ts";
import type { ConsoleStore } from "./console-store.ts";

export type { LogPage, LogRow, LogType, RuleExplanation };

/** The filters as the screen holds them; empty means "any". */
export interface LogFilters {
  type: string;
  status: string;
  user: string;
  /** `datetime-local` values in the browser's time zone. */
  from: string;
  to: string;
  q: string;
}

export const NO_FILTERS: LogFilters = { type: "", status: "", user: "", from: "", to: "", q: "" };

/** The query string of the filters, with paging. */
export function logQuery(filters: LogFilters, page: { after?: number; before?: number; limit?: number } = {}): string {
  const params = new URLSearchParams();
  if (filters.type) params.set("type", filters.type);
  if (filters.status) params.set("status", filters.status);
  if (filters.user) params.set("user", filters.user);
  const from = localTime(filters.from);
  const to = localTime(filters.to);
  if (from !== undefined) params.set("from", String(from));
  // A minute picked as the end includes that whole minute.
  if (to !== undefined) params.set("to", String(to + 59_999));
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (page.after !== undefined) params.set("after", String(page.after));
  if (page.before !== undefined) params.set("before", String(page.before));
  params.set("limit", String(page.limit ?? 1000));
  return params.toString();
}

function localTime(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export class LogsApi {
  constructor(private readonly store: ConsoleStore) {}

  private get base(): string {
    return `/${encodeURIComponent(this.store.state.appId)}/logs`;
  }

  list = (filters: LogFilters, page: { after?: number; before?: number; limit?: number } = {}): Promise<LogPage> =>
    this.store.api.request("GET", `${this.base}?${logQuery(filters, page)}`);

  explain = (seq: number): Promise<RuleExplanation> => this.store.api.request("GET", `${this.base}/${seq}/explanation`);

  /** Why the rules withhold a document (or some of its fields) from a user now: the read explanation the Data screen also shows. */
  explainRead = (ask: { database: string; collection: string; userId: string; documentId: unknown }): Promise<RuleExplanation> =>
    this.store.api.request("POST", `/${encodeURIComponent(this.store.state.appId)}/rules/explain`, { ...ask, action: "read" });
}

import { AppServicesError } from "../core/app-services-error.ts";
import type { LogEntry, LogType } from "../log/app-log.ts";
import type { RuleExplanation } from "./rules-explain.ts";
import { explainLogEntry, isExplainable } from "./log-explain.ts";
import type { AdminContext, AdminRoute } from "./router.ts";

/*
 * The Logs screen's calls, after the Admin API's `GET …/apps/{appId}/logs` (its
 * `type`, `user_id`, `errors_only`, `start_date`, `end_date` and `limit` are accepted
 * too). Entries come newest first; `before=<seq>` pages back, `after=<seq>` returns
 * only what arrived since the newest entry shown (the screen's live view).
 */

export const LOG_TYPES: readonly LogType[] = ["auth", "function", "trigger", "request", "graphql", "rules", "deploy", "system"];
/** The most entries one call returns. */
export const MAX_LOG_LIMIT = 5000;

/** One entry as the console shows it: the stored entry plus the user's email and whether the Why view explains it. */
export interface LogRow extends LogEntry {
  userEmail?: string;
  explainable?: boolean;
}

export interface LogPage {
  logs: LogRow[];
  /** The seq to pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
  /** As the Admin API pages: the time of the oldest entry returned, ISO, when older ones match (pass it as `end_date`). */
  nextEndDate?: string;
  /** The newest seq in the whole log (whatever the filters), for the next `after`. */
  latestSeq: number;
}

export interface LogQuery {
  types?: Set<string>;
  status?: "ok" | "error";
  userId?: string;
  from?: number;
  to?: number;
  text?: string;
  after?: number;
  before?: number;
  limit: number;
}

/** Reads the query string; a wrong value is refused with what it should be. */
export function logQueryOf(params: URLSearchParams): LogQuery {
  const types = list(params.get("type"));
  for (const t of types ?? []) {
    if (!LOG_TYPES.includes(t as LogType)) throw new AppServicesError("InvalidParameter", `type must be one of ${LOG_TYPES.join(", ")}; got '${t}'`);
  }
  let status = params.get("status") || undefined;
  if (params.get("errors_only") === "true") status = "error";
  if (status !== undefined && status !== "ok" && status !== "error") throw new AppServicesError("InvalidParameter", `status must be ok or error; got '${status}'`);
  const from = time(params, "from") ?? time(params, "start_date");
  const to = time(params, "to") ?? time(params, "end_date");
  if (from !== undefined && to !== undefined && from > to) throw new AppServicesError("InvalidParameter", "from must not be later than to");
  return {
    types: types && new Set(types),
    status: status as LogQuery["status"],
    userId: params.get("user") || params.get("user_id") || undefined,
    from,
    to,
    text: params.get("q")?.trim().toLowerCase() || undefined,
    after: whole(params, "after"),
    before: whole(params, "before"),
    limit: whole(params, "limit", 1, MAX_LOG_LIMIT) ?? 200,
  };
}

function list(value: string | null): string[] | undefined {
  const items = value?.split(",").map((s) => s.trim()).filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

function whole(params: URLSearchParams, key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = params.get(key);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new AppServicesError("InvalidParameter", `${key} must be a whole number from ${min} to ${max}; got '${raw}'`);
  return n;
}

/** Milliseconds since the epoch, or an ISO date. */
function time(params: URLSearchParams, key: string): number | undefined {
  const raw = params.get(key);
  if (raw === null || raw === "") return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(n)) throw new AppServicesError("InvalidParameter", `${key} must be a date (ISO 8601) or milliseconds since 1970; got '${raw}'`);
  return n;
}

/** Whether one entry passes the filters; the text is searched in the summary, the user and the details. */
export function matchesLog(r: LogEntry, q: LogQuery, email?: string): boolean {
  if (q.types && !q.types.has(r.type)) return false;
  if (q.status && r.status !== q.status) return false;
  if (q.userId && r.userId !== q.userId && email !== q.userId) return false;
  if (q.from !== undefined && r.time < q.from) return false;
  if (q.to !== undefined && r.time > q.to) return false;
  if (q.text) {
    const hay = `${r.summary}\n${r.userId ?? ""}\n${email ?? ""}\n${r.details ? textOf(r.details) : ""}`.toLowerCase();
    if (!hay.includes(q.text)) return false;
  }
  return true;
}

/** The keys and values of the details as plain text (no JSON escapes, so a quote matches a quote). */
function textOf(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  if (depth > 8) return "";
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) parts.push(Array.isArray(value) ? textOf(item, depth + 1) : `${key} ${textOf(item, depth + 1)}`);
  return parts.join("\n");
}

async function entryOf(ctx: AdminContext): Promise<LogEntry> {
  const { app } = await ctx.app();
  await app.log.flush();
  const seq = Number(ctx.params.seq);
  const record = Number.isInteger(seq) ? await app.db.log.get(seq) : undefined;
  if (!record) throw new AppServicesError("NotFound", `no log entry ${ctx.params.seq}: it may have been dropped as newer entries arrived`);
  return record as unknown as LogEntry;
}

export const LOG_ROUTES: AdminRoute[] = [
  {
    method: "GET",
    path: "/:appId/logs",
    async handle(ctx): Promise<LogPage> {
      const q = logQueryOf(ctx.url.searchParams);
      const { app } = await ctx.app();
      await app.log.flush();
      const emails = new Map<string, string | undefined>();
      for (const u of await app.db.users.toArray()) emails.set(u.id, u.email || undefined);
      // The newest entry first, and nothing past it: an entry written while the page is read
      // must not fall between the rows returned and the `latestSeq` a poll continues from.
      const newest = await app.db.log.orderBy("seq").last();
      const latestSeq = newest?.seq ?? 0;
      const lower = q.after ?? -Infinity;
      const upper = Math.min(q.before ?? Infinity, latestSeq + 1);
      const logs: LogRow[] = [];
      let more = false;
      // Newest first by seq; stops one past the limit to know whether an older page exists.
      await app.db.log
        .where("seq")
        .between(lower, upper, false, false)
        .reverse()
        .until(() => {
          if (logs.length > q.limit) more = true;
          return more;
        })
        .each((record) => {
          const r = record as unknown as LogEntry;
          const email = r.userId ? emails.get(r.userId) : undefined;
          if (!matchesLog(r, q, email)) return;
          const row: LogRow = { ...r, userEmail: email };
          if (isExplainable(row)) row.explainable = true;
          logs.push(row);
        });
      if (logs.length > q.limit) {
        logs.length = q.limit;
        more = true;
      }
      const last = more ? logs[logs.length - 1] : undefined;
      return { logs, nextBefore: last?.seq, nextEndDate: last && new Date(last.time).toISOString(), latestSeq };
    },
  },
  {
    method: "GET",
    path: "/:appId/logs/:seq",
    handle: async (ctx) => entryOf(ctx),
  },
  {
    // A refused write's decision trace as the Why view shows it (see log-explain.ts).
    method: "GET",
    path: "/:appId/logs/:seq/explanation",
    async handle(ctx): Promise<RuleExplanation> {
      const entry = await entryOf(ctx);
      if (!isExplainable(entry)) throw new AppServicesError("InvalidParameter", `log entry ${entry.seq} is not a refused request with a rules trace`);
      return explainLogEntry((await ctx.app()).app, entry);
    },
  },
];

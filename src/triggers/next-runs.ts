import { parseCron } from "./cron.ts";

export type NextRuns = { ok: true; runs: number[] } | { ok: false; message: string };

/**
 * The next `count` times (ms since the epoch, strictly after `after`) a CRON schedule
 * fires, or why it does not parse. Schedules run in UTC; a schedule that matches no day
 * (31 FEB) gives fewer runs than asked.
 */
export function nextRuns(schedule: string, after: number, count = 5): NextRuns {
  let cron;
  try {
    cron = parseCron(schedule);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const runs: number[] = [];
  let at = after;
  while (runs.length < count) {
    const next = cron.next(at);
    if (next === undefined) break;
    runs.push(next);
    at = next;
  }
  return { ok: true, runs };
}

/** An IANA time zone name the runtime knows, or UTC. */
export function knownTimeZone(zone: unknown): string {
  if (typeof zone !== "string" || zone === "") return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

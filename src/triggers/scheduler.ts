import type { TriggerConfig } from "../config/types.ts";
import { parseCron, type CronSchedule } from "./cron.ts";

interface Entry {
  config: TriggerConfig;
  schedule: CronSchedule;
  next: number | undefined;
}

/**
 * When each scheduled trigger fires next, by the app clock. Arming computes the next
 * run after "now", so runs missed while the app was closed are not replayed; runs
 * missed between two checks while open (a throttled tab) fire once, not once each.
 */
export class Schedule {
  private entries = new Map<string, Entry>();

  /** Replaces the armed triggers; unchanged schedules keep their next run. Returns the problems found. */
  arm(triggers: TriggerConfig[], now: number): { name: string; message: string }[] {
    const problems: { name: string; message: string }[] = [];
    const next = new Map<string, Entry>();
    for (const config of triggers) {
      if (config.type !== "SCHEDULED" || config.disabled || !config.schedule) continue;
      const previous = this.entries.get(config.name);
      if (previous && previous.schedule.expression === config.schedule) {
        next.set(config.name, { ...previous, config });
        continue;
      }
      try {
        const schedule = parseCron(config.schedule);
        next.set(config.name, { config, schedule, next: schedule.next(now) });
      } catch (error) {
        problems.push({ name: config.name, message: (error as Error).message });
      }
    }
    this.entries = next;
    return problems;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The earliest next run, or undefined when nothing is scheduled. */
  nextRun(): number | undefined {
    let earliest: number | undefined;
    for (const entry of this.entries.values()) {
      if (entry.next !== undefined && (earliest === undefined || entry.next < earliest)) earliest = entry.next;
    }
    return earliest;
  }

  /** The triggers due at `now`, each moved on to its next run after `now`. */
  due(now: number): { config: TriggerConfig; scheduledFor: number }[] {
    const due: { config: TriggerConfig; scheduledFor: number }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.next === undefined || entry.next > now) continue;
      due.push({ config: entry.config, scheduledFor: entry.next });
      entry.next = entry.schedule.next(now);
    }
    return due;
  }
}

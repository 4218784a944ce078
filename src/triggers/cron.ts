/**
 * Five-field CRON schedules in UTC, as scheduled triggers use them:
 * `minute hour day-of-month month day-of-week`, each `*`, a value, a range `a-b`,
 * a list `a,b`, or a step `*\/n` / `a-b/n`. Months and weekdays also take names
 * (JAN–DEC, SUN–SAT); weekday 7 is Sunday too. When both day fields are restricted a
 * day matches either, as in Unix cron.
 * https://www.mongodb.com/docs/atlas/app-services/triggers/scheduled-triggers/
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

export class CronError extends Error {
  override name = "CronError";
}

export interface CronSchedule {
  readonly expression: string;
  /** The first matching minute strictly after `after` (ms since epoch), or undefined if none within years. */
  next(after: number): number | undefined;
}

const MINUTE = 60_000;
/** Searching further than this many days means the schedule never matches (e.g. 31 FEB). */
const SEARCH_DAYS = 366 * 8;

export function parseCron(expression: string): CronSchedule {
  const parts = String(expression).trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`a schedule has 5 fields (minute hour day month weekday), got "${expression}"`);
  const [minutes, hours, days, months, weekdays] = parts.map((part, i) => parseField(part, FIELDS[i]));
  if (weekdays.has(7)) weekdays.add(0);
  const dayStar = parts[2].startsWith("*");
  const weekdayStar = parts[4].startsWith("*");
  const dayMatches = (date: Date) => {
    const dom = days.has(date.getUTCDate());
    const dow = weekdays.has(date.getUTCDay());
    if (dayStar || weekdayStar) return dom && dow;
    return dom || dow;
  };

  return {
    expression,
    next(after) {
      const date = new Date(Math.floor(after / MINUTE) * MINUTE + MINUTE);
      const limit = after + SEARCH_DAYS * 24 * 60 * MINUTE;
      while (date.getTime() <= limit) {
        if (!months.has(date.getUTCMonth() + 1)) {
          date.setUTCMonth(date.getUTCMonth() + 1, 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(date)) {
          date.setUTCDate(date.getUTCDate() + 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(date.getUTCHours())) {
          date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(date.getUTCMinutes())) {
          date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
        } else {
          return date.getTime();
        }
      }
      return undefined;
    },
  };
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const bad = (why: string) => new CronError(`${spec.name} "${item}": ${why}`);
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined || range === "") throw bad("expected a value, a range a-b, * or a step */n");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad("the step after / must be a positive whole number");
    let low: number;
    let high: number;
    if (range === "*") {
      low = spec.min;
      high = spec.name === "day of week" ? 6 : spec.max;
    } else {
      const [from, to, more] = range.split("-");
      if (more !== undefined) throw bad("a range has one -");
      low = value(from, spec, bad);
      high = to === undefined ? (stepText === undefined ? low : spec.max) : value(to, spec, bad);
      if (high < low) throw bad(`the range runs backwards (${low} > ${high})`);
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}

function value(text: string, spec: FieldSpec, bad: (why: string) => CronError): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (spec.name === "month" ? 1 : 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw bad(`expected ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ""}`);
  }
  return n;
}

/** A schedule's problems as a deploy reports them: none, or why it does not parse. */
export function scheduleProblems(schedule: string): string[] {
  try {
    parseCron(schedule);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

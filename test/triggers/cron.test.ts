import { describe, expect, it } from "vitest";

import { parseCron } from "../../src/triggers/cron.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace(":00.000Z", "Z"));

describe("five-field CRON in UTC", () => {
  const cases: [string, string, string][] = [
    ["* * * * *", "2026-01-01T00:00:30Z", "2026-01-01T00:01Z"],
    ["* * * * *", "2026-01-01T00:00:00Z", "2026-01-01T00:01Z"],
    ["*/15 * * * *", "2026-01-01T00:16:00Z", "2026-01-01T00:30Z"],
    ["0 * * * *", "2026-01-01T10:00:00Z", "2026-01-01T11:00Z"],
    ["30 9 * * *", "2026-01-01T09:30:00Z", "2026-01-02T09:30Z"],
    ["0 */6 * * *", "2026-01-01T07:00:00Z", "2026-01-01T12:00Z"],
    ["0 0 1 * *", "2026-01-15T00:00:00Z", "2026-02-01T00:00Z"],
    ["0 0 * * 1", "2026-01-01T00:00:00Z", "2026-01-05T00:00Z"], // Jan 1 2026 is a Thursday
    ["0 0 * * MON-FRI", "2026-01-02T12:00:00Z", "2026-01-05T00:00Z"],
    ["0 0 * * 7", "2026-01-01T00:00:00Z", "2026-01-04T00:00Z"], // 7 is Sunday
    ["0 12 * JAN,jul *", "2026-02-01T00:00:00Z", "2026-07-01T12:00Z"],
    ["0 0 29 2 *", "2026-01-01T00:00:00Z", "2028-02-29T00:00Z"],
    ["5,10 1-2 * * *", "2026-01-01T01:10:00Z", "2026-01-01T02:05Z"],
    ["0 0 13 * 5", "2026-01-01T00:00:00Z", "2026-01-02T00:00Z"], // day 13 OR Friday: Jan 2 is a Friday
    ["10-20/5 * * * *", "2026-01-01T00:11:00Z", "2026-01-01T00:15Z"],
    ["59 23 31 12 *", "2026-01-01T00:00:00Z", "2026-12-31T23:59Z"],
  ];
  it.each(cases)("%s after %s is %s", (expression, after, next) => {
    expect(iso(parseCron(expression).next(at(after)))).toBe(next);
  });

  it("a schedule that never matches has no next run", () => {
    expect(parseCron("0 0 31 2 *").next(at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });

  const invalid: [string, string][] = [
    ["* * * *", "a schedule has 5 fields"],
    ["60 * * * *", 'minute "60": expected 0-59'],
    ["* 24 * * *", 'hour "24": expected 0-23'],
    ["* * 0 * *", 'day of month "0": expected 1-31'],
    ["* * * FOO *", 'month "FOO": expected 1-12 or JAN-DEC'],
    ["* * * * 8", 'day of week "8": expected 0-7 or SUN-SAT'],
    ["*/0 * * * *", "the step after / must be a positive whole number"],
    ["5-1 * * * *", "the range runs backwards"],
    ["1,,2 * * * *", "expected a value"],
  ];
  it.each(invalid)("rejects %s", (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });
});

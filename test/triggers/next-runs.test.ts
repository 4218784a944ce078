import { describe, expect, it } from "vitest";

import { knownTimeZone, nextRuns } from "../../src/triggers/next-runs.ts";

const AFTER = Date.UTC(2026, 10, 30, 20, 13, 30); // Mon 30 Nov 2026 20:13:30 UTC
const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString().slice(0, 16));

describe("nextRuns: the next five times a schedule fires, in UTC", () => {
  const cases: { schedule: string; runs: string[] }[] = [
    { schedule: "* * * * *", runs: ["2026-11-30T20:14", "2026-11-30T20:15", "2026-11-30T20:16", "2026-11-30T20:17", "2026-11-30T20:18"] },
    { schedule: "*/15 * * * *", runs: ["2026-11-30T20:15", "2026-11-30T20:30", "2026-11-30T20:45", "2026-11-30T21:00", "2026-11-30T21:15"] },
    { schedule: "0 9 * * MON-FRI", runs: ["2026-12-01T09:00", "2026-12-02T09:00", "2026-12-03T09:00", "2026-12-04T09:00", "2026-12-07T09:00"] },
    { schedule: "30 0 1 * *", runs: ["2026-12-01T00:30", "2027-01-01T00:30", "2027-02-01T00:30", "2027-03-01T00:30", "2027-04-01T00:30"] },
    { schedule: "0 0 29 2 *", runs: ["2028-02-29T00:00", "2032-02-29T00:00", "2036-02-29T00:00", "2040-02-29T00:00", "2044-02-29T00:00"] },
    { schedule: "0 0 31 2 *", runs: [] },
  ];
  for (const { schedule, runs } of cases) {
    it(`"${schedule}"`, () => {
      const answer = nextRuns(schedule, AFTER);
      expect(answer.ok).toBe(true);
      if (answer.ok) expect(iso(answer.runs)).toEqual(runs);
    });
  }

  const bad: { schedule: string; message: RegExp }[] = [
    { schedule: "", message: /5 fields/ },
    { schedule: "* * * *", message: /5 fields/ },
    { schedule: "61 * * * *", message: /minute "61": expected 0-59/ },
    { schedule: "* 25 * * *", message: /hour "25"/ },
    { schedule: "*/0 * * * *", message: /step/ },
  ];
  for (const { schedule, message } of bad) {
    it(`refuses "${schedule}" with deploy's message`, () => {
      const answer = nextRuns(schedule, AFTER);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.message).toMatch(message);
    });
  }

  it("asks for as many runs as wanted", () => {
    const answer = nextRuns("0 * * * *", AFTER, 2);
    expect(answer.ok && iso(answer.runs)).toEqual(["2026-11-30T21:00", "2026-11-30T22:00"]);
  });
});

describe("knownTimeZone", () => {
  it.each([
    ["Europe/Paris", "Europe/Paris"],
    ["UTC", "UTC"],
    ["", "UTC"],
    [undefined, "UTC"],
    ["Mars/Olympus", "UTC"],
    [42, "UTC"],
  ])("%s → %s", (zone, shown) => expect(knownTimeZone(zone)).toBe(shown));
});

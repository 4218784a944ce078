import { describe, expect, it } from "vitest";

import { emptyTally, formatMismatch, openService, runRuleSet } from "../fuzz/rules/harness.ts";

/*
 * Random rule sets, documents, users and operations (every CRUD and aggregate path):
 * what the service returns, refuses and stores must equal a separate, deliberately plain
 * restatement of the role semantics (test/fuzz/rules/model.ts). `npm run fuzz` runs the
 * same comparison at scale from a random seed.
 */

describe("rules through the service match a reference evaluation", () => {
  it("over random documents, users, role sets, filters and operations", async () => {
    const service = openService();
    const tally = emptyTally();
    for (let seed = 1; seed <= 60; seed++) await runRuleSet(service, seed, 12, tally);

    expect(tally.mismatches.map(formatMismatch)).toEqual([]);
    expect(tally.cases).toBe(720);
    // The generator must exercise every operation and both outcomes, or the comparison proves little.
    const outcomes = Object.values(tally.outcomes);
    const total = (outcome: string) => outcomes.reduce((sum, byOutcome) => sum + (byOutcome[outcome] ?? 0), 0);
    expect(Object.keys(tally.outcomes)).toHaveLength(15);
    expect(total("ok")).toBeGreaterThan(200);
    expect(total("denied")).toBeGreaterThan(50);
  }, 60_000);
});

import { describe, expect, it } from "vitest";

import { fromEJSON, parseEJSON } from "../../src/bson/ejson.ts";
import { isAppServicesError } from "../../src/core/app-services-error.ts";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isAppServicesError(error) && error.code).toBe("BadRequest");
    return (error as Error).message;
  }
  throw new Error("expected a BadRequest");
}

describe("malformed Extended JSON wrappers", () => {
  it.each<[string, unknown, RegExp]>([
    ["a $date that is not a date", { $date: "nonsense" }, /^invalid Extended JSON: \$date must be an ISO-8601 date or a \$numberLong of milliseconds, found "nonsense"$/],
    ["a $date with a month 13", { $date: "2020-13-45T00:00:00Z" }, /\$date must be/],
    ["a $date beyond what a date can hold", { $date: { $numberLong: "99999999999999999999" } }, /\$date must be/],
    ["a $date of null", { $date: null }, /\$date must be/],
    ["a $date of true", { $date: true }, /\$date must be/],
    ["a $numberInt that is not a number", { $numberInt: "abc" }, /^invalid Extended JSON: \$numberInt must be a string holding a 32-bit integer, found "abc"$/],
    ["a $numberInt beyond 32 bits", { $numberInt: "99999999999" }, /\$numberInt must be/],
    ["a $numberInt that is a number", { $numberInt: 5 }, /\$numberInt must be/],
    ["a $numberDouble that is not a number", { $numberDouble: "xyz" }, /\$numberDouble must be/],
    ["$binary that is not base64", { $binary: { base64: "!!", subType: "00" } }, /\$binary must hold base64 data/],
  ])("refuses %s, nested anywhere", (_name, wrapper, message) => {
    expect(refusal(() => parseEJSON(JSON.stringify({ a: [{ b: wrapper }] })))).toMatch(message);
    expect(refusal(() => fromEJSON({ doc: wrapper }))).toMatch(message);
  });

  it.each<[string, unknown, unknown]>([
    ["an ISO date", { $date: "2020-01-01T00:00:00Z" }, new Date("2020-01-01T00:00:00Z")],
    ["a $numberLong date", { $date: { $numberLong: "-1000" } }, new Date(-1000)],
    ["$numberInt", { $numberInt: "-7" }, -7],
    ["$numberDouble NaN", { $numberDouble: "NaN" }, Number.NaN],
    ["$numberDouble with an exponent", { $numberDouble: "1.5e-3" }, 0.0015],
  ])("accepts %s", (_name, wrapper, expected) => {
    expect((parseEJSON(JSON.stringify({ v: wrapper })) as { v: unknown }).v).toEqual(expected);
  });
});

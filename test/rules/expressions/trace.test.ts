import { describe, expect, it } from "vitest";

import { ObjectId } from "../../../src/bson/types.ts";
import {
  type ExpressionContext,
  ExpressionTrace,
  evaluateExpression,
  evaluateExpressionSync,
  formatTrace,
} from "../../../src/rules/expressions/index.ts";

const bob: ExpressionContext = {
  user: { id: "bob-id", data: { email: "bob@example.com" } },
  root: { assignee: "alice-id", status: "Open", score: 7, owners: ["alice-id"] },
  callFunction: (_name, [id]) => id === "bob-id",
};

function traced(expr: unknown, ctx: ExpressionContext = bob): ExpressionTrace {
  const trace = new ExpressionTrace();
  evaluateExpressionSync(expr, ctx, trace);
  return trace;
}

describe("trace", () => {
  it("records the key, the expanded values and the result", () => {
    const trace = traced({ assignee: "%%user.id" });
    expect(trace.result).toBe(false);
    expect(trace.entries).toEqual([
      { path: "assignee", key: "assignee", left: "alice-id", op: "==", source: "%%user.id", operand: "bob-id", result: false },
    ]);
    expect(trace.lines()).toEqual(['assignee ("alice-id") == %%user.id ("bob-id") → false']);
  });

  const lines: [string, unknown, string[]][] = [
    ["literal operand", { status: "Complete" }, ['status ("Open") == "Complete" → false']],
    ["missing value", { "%%user.data.phone": { "%exists": true } }, ["%%user.data.phone (missing) %exists true → false"]],
    ["expansion in key and value", { "%%root.owners": "%%user.id" }, ['%%root.owners (["alice-id"]) == %%user.id ("bob-id") → false']],
    ["operand from %%values", { "%%user.id": { $in: "%%values.admins" } }, ['%%user.id ("bob-id") $in %%values.admins (["bob-id"]) → true']],
    ["boolean expression", true, ["true → true"]],
    ["empty expression", {}, ["{} → true"]],
    ["AND stops at the first false key", { status: "Done", score: 7 }, ['status ("Open") == "Done" → false']],
    [
      "several operators on one key",
      { score: { "%gt": 0, "%lte": 5 } },
      ["score (7) all → false", "  score (7) %gt 0 → true", "  score (7) %lte 5 → false"],
    ],
    [
      "%or with a multi-key branch",
      { "%or": [{ assignee: "%%user.id" }, { status: "Open", score: { "%gte": 5 } }] },
      [
        "%or → true",
        '  assignee ("alice-id") == %%user.id ("bob-id") → false',
        "  all → true",
        '    status ("Open") == "Open" → true',
        "    score (7) %gte 5 → true",
      ],
    ],
    ["$nor", { $nor: [{ status: "Done" }] }, ["$nor → true", '  status ("Open") == "Done" → false']],
    ["$not", { status: { $not: { $in: ["Open"] } } }, ['status ("Open") $not → false', '  status ("Open") $in ["Open"] → true']],
    [
      "value-position %and",
      { score: { "%and": [{ $gt: 0 }, { $lt: 10 }] } },
      ["score (7) %and → true", "  score (7) $gt 0 → true", "  score (7) $lt 10 → true"],
    ],
    [
      "%function call with its concrete arguments",
      { "%%true": { "%function": { name: "isAuthorizedUser", arguments: ["%%user.id"] } } },
      ['%%true == %function isAuthorizedUser("bob-id") (true) → true'],
    ],
    [
      "embedded expression",
      { "%%false": { "%%root.status": "Open" } },
      ['%%false == {"%%root.status":"Open"} (true) → false', '  %%root.status ("Open") == "Open" → true'],
    ],
    [
      "converter",
      { "%%root.oid": { "%oidToString": "%%root.oid" } },
      ['%%root.oid (ObjectId("60aa00000000000000000001")) == %oidToString(%%root.oid) ("60aa00000000000000000001") → false'],
    ],
  ];
  it.each(lines)("renders %s", (_name, expr, expected) => {
    const ctx = { ...bob, values: { admins: ["bob-id"] }, root: { ...(bob.root as object), oid: new ObjectId("60aa00000000000000000001") } };
    expect(traced(expr, ctx).lines()).toEqual(expected);
  });

  it("is the same with an async function runner", async () => {
    const trace = new ExpressionTrace();
    const expr = { status: "Open", "%%true": { "%function": { name: "f", arguments: ["%%user.id", 2] } } };
    expect(await evaluateExpression(expr, { ...bob, callFunction: async () => true }, trace)).toBe(true);
    expect(trace.result).toBe(true);
    expect(trace.entries[1]).toEqual({
      path: "%%true",
      key: "%%true",
      left: true,
      op: "==",
      source: { "%function": { name: "f", arguments: ["%%user.id", 2] } },
      operand: true,
      call: { name: "f", arguments: ["bob-id", 2] },
      result: true,
    });
  });

  it("marks the piece where evaluation failed", () => {
    const trace = new ExpressionTrace();
    expect(() => evaluateExpressionSync({ status: "Open", "%%user.id": { $in: "%%root.status" } }, bob, trace)).toThrow();
    expect(trace.lines()).toEqual([
      'status ("Open") == "Open" → true',
      '%%user.id ("bob-id") $in %%root.status ("Open") → error: %%user.id: $in needs an array, but %%root.status is "Open"',
    ]);
    expect(trace.result).toBeUndefined();
  });

  it("is plain data that survives JSON (missing values stay missing)", () => {
    const trace = traced({ "%%user.data.phone": { "%exists": true } });
    const copy = JSON.parse(JSON.stringify(trace.entries));
    expect(formatTrace(copy)).toEqual(trace.lines());
  });

  it("collects nothing without a trace and gives the same results", () => {
    const expr = { "%or": [{ assignee: "%%user.id" }, { score: { "%gt": 1 } }] };
    expect(evaluateExpressionSync(expr, bob)).toBe(traced(expr).result);
  });
});

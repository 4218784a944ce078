import { describe, expect, it } from "vitest";

import { Double, Long } from "../../../src/bson/types.ts";
import { operatorSpellings, validateExpression } from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, context, expectEvalError, expectResult } from "./_context.ts";

/** Each row runs with the `%` and the `$` spelling of the operator named in `{OP}`. */
const both: [string, (op: string) => unknown, boolean][] = [
  ["exists true on a present field", (op) => ({ status: { [`${op}exists`]: true } }), true],
  ["exists true on a missing field", (op) => ({ nothing: { [`${op}exists`]: true } }), false],
  ["exists false on a missing field", (op) => ({ nothing: { [`${op}exists`]: false } }), true],
  ["exists false on a present field", (op) => ({ status: { [`${op}exists`]: false } }), false],
  ["exists with 1 (MongoDB style)", (op) => ({ status: { [`${op}exists`]: 1 } }), true],
  ["exists on a null value", (op) => ({ "%%root.n": { [`${op}exists`]: true } }), true],
  ["in a literal array", (op) => ({ status: { [`${op}in`]: ["Open", "Complete"] } }), true],
  ["in, not listed", (op) => ({ status: { [`${op}in`]: ["Complete"] } }), false],
  ["in an expansion array", (op) => ({ "%%user.id": { [`${op}in`]: "%%values.admin_ids" } }), false],
  ["in, array field with a listed element", (op) => ({ owners: { [`${op}in`]: [ALICE] } }), true],
  ["in, missing field", (op) => ({ nothing: { [`${op}in`]: ["x"] } }), false],
  ["in, missing field and null listed", (op) => ({ nothing: { [`${op}in`]: [null] } }), true],
  ["in, expansion resolving to missing", (op) => ({ status: { [`${op}in`]: "%%values.none" } }), false],
  ["nin a literal array", (op) => ({ status: { [`${op}nin`]: ["Complete"] } }), true],
  ["nin, listed", (op) => ({ status: { [`${op}nin`]: ["Open"] } }), false],
  ["nin, missing field", (op) => ({ nothing: { [`${op}nin`]: ["x"] } }), true],
  ["nin, expansion resolving to missing", (op) => ({ status: { [`${op}nin`]: "%%values.none" } }), true],
  ["eq", (op) => ({ status: { [`${op}eq`]: "Open" } }), true],
  ["eq, different", (op) => ({ status: { [`${op}eq`]: "Complete" } }), false],
  ["eq, array contains", (op) => ({ owners: { [`${op}eq`]: "%%user.id" } }), true],
  ["ne", (op) => ({ status: { [`${op}ne`]: "Complete" } }), true],
  ["ne, equal", (op) => ({ status: { [`${op}ne`]: "Open" } }), false],
  ["ne, missing field", (op) => ({ nothing: { [`${op}ne`]: "x" } }), true],
  ["gt", (op) => ({ score: { [`${op}gt`]: 6 } }), true],
  ["gt, equal", (op) => ({ score: { [`${op}gt`]: 7 } }), false],
  ["gte, equal", (op) => ({ score: { [`${op}gte`]: 7 } }), true],
  ["lt", (op) => ({ score: { [`${op}lt`]: 8 } }), true],
  ["lt, equal", (op) => ({ score: { [`${op}lt`]: 7 } }), false],
  ["lte, equal", (op) => ({ score: { [`${op}lte`]: 7 } }), true],
  ["gt across numeric types (Long)", (op) => ({ score: { [`${op}gt`]: Long.fromNumber(6) } }), true],
  ["lte across numeric types (Double)", (op) => ({ score: { [`${op}lte`]: new Double(7) } }), true],
  ["gt on strings", (op) => ({ status: { [`${op}gt`]: "Complete" } }), true],
  ["gt on dates", (op) => ({ due: { [`${op}gt`]: new Date("2024-01-01T00:00:00Z") } }), true],
  ["gt never compares across types", (op) => ({ status: { [`${op}gt`]: 1 } }), false],
  ["lt never compares across types", (op) => ({ score: { [`${op}lt`]: "z" } }), false],
  ["gt on a missing field", (op) => ({ nothing: { [`${op}gt`]: 0 } }), false],
  ["lt with a missing operand", (op) => ({ score: { [`${op}lt`]: "%%values.none" } }), false],
  ["gt, any array element", (op) => ({ "%%root.nums": { [`${op}gt`]: 5 } }), true],
  ["and in value position", (op) => ({ "%%args.someNumber": { [`${op}and`]: [{ $gt: 0 }, { $lte: 42 }] } }), true],
  ["and in value position, one fails", (op) => ({ "%%args.someNumber": { [`${op}and`]: [{ $gt: 0 }, { $lte: 4 }] } }), false],
  ["and in value position with a literal item", (op) => ({ status: { [`${op}and`]: ["Open", { $ne: "Complete" }] } }), true],
  ["or in key position", (op) => ({ [`${op}or`]: [{ status: "Complete" }, { owner_id: "%%user.id" }] }), true],
  ["or in key position, none holds", (op) => ({ [`${op}or`]: [{ status: "Complete" }, { owner_id: BOB }] }), false],
  ["or with booleans", (op) => ({ [`${op}or`]: [false, true] }), true],
  ["or in value position", (op) => ({ status: { [`${op}or`]: ["Complete", { $in: ["Open"] }] } }), true],
  ["and in key position", (op) => ({ [`${op}and`]: [{ status: "Open" }, { owner_id: "%%user.id" }] }), true],
  ["and in key position, one fails", (op) => ({ [`${op}and`]: [{ status: "Open" }, { owner_id: BOB }] }), false],
];

describe("operators (% and $ spellings)", () => {
  for (const prefix of ["%", "$"]) {
    it.each(both)(`${prefix}: %s`, async (_name, build, expected) => {
      await expectResult(build(prefix), context({ root: { ...(context().root as object), n: null, nums: [1, 9] } }), expected);
    });
  }

  const dollarOnly: [string, unknown, boolean][] = [
    ["$nor, none holds", { $nor: [{ status: "Complete" }, { owner_id: BOB }] }, true],
    ["$nor, one holds", { $nor: [{ status: "Open" }, { owner_id: BOB }] }, false],
    ["$not", { status: { $not: { $in: ["Complete", "Archived"] } } }, true],
    ["$not, inner holds", { status: { $not: { $eq: "Open" } } }, false],
    ["$not on a missing field", { nothing: { $not: { $gt: 1 } } }, true],
    ["%neq (2020 spelling)", { status: { "%neq": "Complete" } }, true],
    ["%neq, equal", { status: { "%neq": "Open" } }, false],
    ["several operators on one key are ANDed", { score: { "%gt": 0, "%lte": 42 } }, true],
    ["several operators on one key, one fails", { score: { "%gt": 0, "%lte": 5 } }, false],
    ["several keys are ANDed", { status: "Open", owner_id: "%%user.id" }, true],
    ["several keys, one fails", { status: "Open", owner_id: BOB }, false],
    ["empty expression is true", {}, true],
    ["true", true, true],
    ["false", false, false],
    ["nested or inside and", { "%and": [{ "%or": [{ status: "x" }, { status: "Open" }] }, { score: 7 }] }, true],
  ];
  it.each(dollarOnly)("%s", async (_name, expr, expected) => {
    await expectResult(expr, context(), expected);
  });

  it("lists every spelling", () => {
    expect(operatorSpellings()).toEqual(
      expect.arrayContaining(["%exists", "$exists", "%in", "$in", "%neq", "$not", "$nor", "%function", "%stringToOid", "$uuidToString"]),
    );
    expect(operatorSpellings()).not.toContain("%not");
    expect(operatorSpellings()).not.toContain("%nor");
  });
});

describe("bad operator input", () => {
  const invalid: [string, unknown, string][] = [
    ["unknown operator in value position", { "%%user.data.email": { "%exsts": true } }, '%%user.data.email: unknown operator "%exsts" (did you mean "%exists"?)'],
    ["%not is not an operator", { status: { "%not": { $eq: "x" } } }, 'status: unknown operator "%not" (did you mean "$not"?)'],
    ["%nor is not an operator", { "%nor": [{ a: 1 }] }, 'unknown operator "%nor" (did you mean "$nor"?)'],
    ["MongoDB-only operators are unknown", { name: { $regex: "^W" } }, 'name: unknown operator "$regex"'],
    ["unknown key operator", { "%xor": [] }, 'unknown operator "%xor"'],
    ["value operator in key position", { "%exists": true }, '%exists applies to a value: write {"<field>": {"%exists": …}}'],
    ["%function in key position", { "%function": { name: "f" } }, 'or {"%%true": {"%function": …}}'],
    ["key operator in value position", { status: { $nor: [] } }, "$nor needs a non-empty array of expressions"],
    ["%exists with a string", { status: { "%exists": "yes" } }, 'status: %exists needs true or false or an expansion, got "yes"'],
    ["%exists with null", { status: { "%exists": null } }, "status: %exists needs true or false or an expansion, got null"],
    ["%in with a number", { status: { "%in": 5 } }, "status: %in needs an array or an expansion, got 5"],
    ["$in with a string", { status: { $in: "Open" } }, 'status: $in needs an array or an expansion, got "Open"'],
    ["%nin with an object", { status: { "%nin": { a: 1 } } }, "status: %nin needs an array or an expansion"],
    ["%or with an object", { "%or": { a: 1 } }, '%or: %or needs a non-empty array of expressions, got {"a": 1}'],
    ["%or with an empty array", { "%or": [] }, "%or: %or needs a non-empty array of expressions"],
    ["%or with a string item", { "%or": ["%%true"] }, '%or[0]: an expression is a boolean or an object, got "%%true"'],
    ["%and in value position with a number", { score: { "%and": 3 } }, "score: %and needs a non-empty array, got 3"],
    ["$not with a literal", { status: { $not: "Open" } }, 'status: $not needs an operator object such as {"$in": […]}, got "Open"'],
    ["operators mixed with fields", { meta: { team: "red", $exists: true } }, "meta: operators ($exists) cannot be mixed with field names (team) in one object"],
    ["operator nested in a literal document", { meta: { team: { $in: ["red"] } } }, 'meta.team: "$in" is not allowed inside a literal value'],
    ["unknown operator nested in a literal", { owners: [{ "%oops": 1 }] }, 'owners[0]: unknown operator "%oops"'],
    ["expression of the wrong type", "%%true", 'an expression is a boolean or an object, got "%%true"'],
    ["null expression", null, "an expression is a boolean or an object, got null"],
    ["array expression", [{ a: 1 }], "an expression is a boolean or an object"],
  ];
  it.each(invalid)("rejects %s", async (_name, expr, message) => {
    expect(validateExpression(expr).join("\n")).toContain(message);
    await expectEvalError(expr, context(), message);
  });

  it("reports operators even in branches that would not be reached", async () => {
    await expectEvalError({ "%or": [true, { status: { "%exsts": true } }] }, context(), 'unknown operator "%exsts"');
  });

  const runtime: [string, unknown, string][] = [
    ["%in with an expansion that is not an array", { status: { "%in": "%%values.notAList" } }, 'status: %in needs an array, but %%values.notAList is "x"'],
    ["$nin with an expansion that is not an array", { status: { $nin: "%%values.maxScore" } }, "status: $nin needs an array, but %%values.maxScore is 10"],
    ["%exists with an expansion that is not a boolean", { status: { "%exists": "%%values.notAList" } }, 'status: %exists needs true or false, but %%values.notAList is "x"'],
    ["%exists with a missing expansion", { status: { "%exists": "%%values.none" } }, "status: %exists needs true or false, but %%values.none is missing"],
  ];
  it.each(runtime)("fails at run time: %s", async (_name, expr, message) => {
    expect(validateExpression(expr)).toEqual([]);
    await expectEvalError(expr, context(), message);
  });
});

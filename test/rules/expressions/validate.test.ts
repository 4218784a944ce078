import { describe, expect, it } from "vitest";

import { ObjectId } from "../../../src/bson/types.ts";
import { ExpressionError, validateExpression } from "../../../src/rules/expressions/index.ts";

describe("validateExpression", () => {
  const valid: unknown[] = [
    true,
    false,
    {},
    { owner_id: "%%user.id" },
    { "%%user.data.email": { "%exists": true } },
    { "%%prevRoot": { "%exists": false } },
    { "%%true": { "%function": { name: "isAuthorizedUser", arguments: ["%%user.id"] } } },
    { "%%args.someNumber": { "%and": [{ $gt: 0 }, { $lte: 42 }] } },
    { "%or": [{ "%%prevRoot": { "%exists": "%%true" } }, { "%%root.status": "new" }] },
    { _id: { "%stringToOid": "%%user.id" } },
    { _id: new ObjectId() },
    { _id: { $oid: "60aa00000000000000000001" } },
    { created: { $gt: { $date: "2024-01-01T00:00:00Z" } } },
    { meta: { team: "red", by: "%%user.id" } },
    { status: { $not: { $in: ["a"] } }, $nor: [{ a: 1 }] },
  ];
  it.each(valid)("accepts %j", (expr) => {
    expect(validateExpression(expr, "apply_when")).toEqual([]);
  });

  it("prefixes the given path and reports every problem", () => {
    expect(
      validateExpression(
        {
          "%%user.data.email": { "%exsts": true },
          read: { "%in": 5 },
          "%%ctx.user": 1,
          "%or": [{ a: { "%gt": 1, "%bad": 2 } }, { "%%user.custom-data.x": 1 }],
          when: { $oid: "zz" },
        },
        "apply_when",
      ),
    ).toEqual([
      'apply_when.%%user.data.email: unknown operator "%exsts" (did you mean "%exists"?)',
      "apply_when.read: %in needs an array or an expansion, got 5",
      'apply_when.%%ctx.user: unknown expansion "%%ctx"',
      'apply_when.%or[0].a: unknown operator "%bad"',
      'apply_when.%or[1].%%user.custom-data.x: "%%user" has no field "custom-data" (known: id, type, data, custom_data, identities) (did you mean "custom_data"?)',
      expect.stringMatching(/^apply_when\.when: invalid Extended JSON value \{"\$oid": "zz"\}/),
    ]);
  });

  it("reports without a path prefix at the root", () => {
    expect(validateExpression({ "%nope": [] })).toEqual(['unknown operator "%nope"']);
    expect(validateExpression(42, "write")).toEqual(["write: an expression is a boolean or an object, got 42"]);
  });

  it("nests array item paths under their operator", () => {
    expect(validateExpression({ score: { "%and": [{ $gt: 0 }, { $in: "x" }] } }, "read")).toEqual([
      'read.score.%and[1]: $in needs an array or an expansion, got "x"',
    ]);
    expect(validateExpression({ $or: [{ a: 1 }, "b"] }, "read")).toEqual(['read.$or[1]: an expression is a boolean or an object, got "b"']);
  });
});

describe("ExpressionError", () => {
  it("keeps path and reason, and can be relocated", () => {
    const error = new ExpressionError("%or[1].owner_id", "unknown operator \"%x\"");
    expect(error.message).toBe('%or[1].owner_id: unknown operator "%x"');
    const moved = error.atPath("roles[0].apply_when");
    expect(moved).toBeInstanceOf(ExpressionError);
    expect(moved.path).toBe("roles[0].apply_when.%or[1].owner_id");
    expect(moved.message).toBe('roles[0].apply_when.%or[1].owner_id: unknown operator "%x"');
    expect(new ExpressionError("", "bad").atPath("read").message).toBe("read: bad");
  });
});

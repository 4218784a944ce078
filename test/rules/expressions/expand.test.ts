import { describe, expect, it } from "vitest";

import { ObjectId } from "../../../src/bson/types.ts";
import { ExpressionError, expandValue } from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, context } from "./_context.ts";

describe("expandValue", () => {
  const ctx = context();
  const cases: [string, unknown, unknown][] = [
    ["a filter query with the user id", { owner_id: "%%user.id" }, { owner_id: ALICE }],
    ["MongoDB operators stay", { owner_id: { $in: "%%values.admin_ids" }, status: { $ne: "Done" } }, { owner_id: { $in: [BOB] }, status: { $ne: "Done" } }],
    ["arrays", { $or: [{ a: "%%user.id" }, { b: "%%partition" }] }, { $or: [{ a: ALICE }, { b: "project=alice" }] }],
    ["converters", { _id: { "%stringToOid": "%%user.id" } }, { _id: new ObjectId(ALICE) }],
    ["missing expansions become undefined", { x: "%%user.data.none" }, { x: undefined }],
    ["scalars", "%%environment.tag", "development"],
    ["plain strings", "user.id", "user.id"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(expandValue(input, ctx)).toEqual(expected);
  });

  it("returns unchanged values as they are and never mutates the input", () => {
    const query = { status: "Open", nested: { list: [1, 2] } };
    expect(expandValue(query, ctx)).toBe(query);
    const withExpansion = { status: "Open", nested: { by: "%%user.id" }, list: [1] };
    const result = expandValue(withExpansion, ctx) as typeof withExpansion;
    expect(withExpansion.nested.by).toBe("%%user.id");
    expect(result.list).toBe(withExpansion.list);
    expect(result.nested.by).toBe(ALICE);
  });

  it("calls a synchronous %function", () => {
    const value = expandValue({ team: { "%function": { name: "teamOf", arguments: ["%%user.id"] } } }, { ...ctx, callFunction: (_n, [id]) => `team-of-${id}` });
    expect(value).toEqual({ team: `team-of-${ALICE}` });
  });

  const invalid: [string, unknown, string][] = [
    ["unknown expansion", { a: "%%ctx.user" }, 'a: unknown expansion "%%ctx"'],
    ["unknown % operator", { a: { "%nope": 1 } }, 'a: unknown operator "%nope"'],
    ["test operator as a value", { a: { "%in": [1] } }, "a: %in cannot be used in a value"],
    ["bad converter input", { a: { "%stringToOid": "%%user.data.email" } }, 'a: %stringToOid needs a 24-character hex string, got "alice@example.com"'],
    ["async %function", { a: { "%function": { name: "f" } } }, 'a: %function "f" returned a promise'],
  ];
  it.each(invalid)("rejects %s", (_name, input, message) => {
    const run = () => expandValue(input, { ...ctx, callFunction: async () => 1 });
    expect(run).toThrowError(ExpressionError);
    expect(run).toThrowError(message);
  });
});

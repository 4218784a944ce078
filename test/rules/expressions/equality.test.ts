import { describe, expect, it } from "vitest";

import { Binary, Long, ObjectId, UUID } from "../../../src/bson/types.ts";
import { evaluateExpressionSync, validateExpression } from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, TASK_ID, context, expectEvalError, expectResult } from "./_context.ts";

const UUID_TEXT = "0e8b2b4c-1f5a-4d8b-9b4c-2f2e1d1c0b0a";

describe("equality", () => {
  const cases: [string, unknown, boolean][] = [
    ["array field contains the user id", { owners: "%%user.id" }, true],
    ["array field does not contain the value", { owners: "nobody" }, false],
    ["array expansion in key contains the partition", { "%%user.custom_data.readPartitions": "%%partition" }, true],
    ["array expansion in key contains a literal", { "%%user.custom_data.readPartitions": "PUBLIC" }, true],
    ["array expansion in key, value absent", { "%%user.custom_data.readPartitions": "project=bob" }, false],
    ["whole-array equality", { owners: [BOB, ALICE] }, true],
    ["whole-array equality is ordered", { owners: [ALICE, BOB] }, false],
    ["a scalar key never 'contains' an array value", { owner_id: [ALICE, BOB] }, false],
    ["embedded document equality", { meta: { team: "red", reviewers: [{ id: BOB }, { id: ALICE }] } }, true],
    ["embedded document with an expansion inside", { "%%prevRoot": { _id: TASK_ID, status: "Open", owner_id: "%%user.id" } }, true],
    ["ObjectId equals ObjectId", { _id: TASK_ID }, true],
    ["ObjectId equals an equal ObjectId instance", { _id: new ObjectId(TASK_ID.toHexString()) }, true],
    ["ObjectId never equals its hex string", { _id: TASK_ID.toHexString() }, false],
    ["hex string never equals an ObjectId", { "%%user.custom_data.manager": BOB }, false],
    ["Extended JSON literal $oid", { _id: { $oid: TASK_ID.toHexString() } }, true],
    ["numbers compare by value across types", { score: Long.fromNumber(7) }, true],
    ["no coercion between string and number", { score: "7" }, false],
    ["no coercion between boolean and number", { "%%values.flag": 1 }, false],
    ["missing equals nothing", { nothing: "x" }, false],
    ["null literal matches missing (MongoDB)", { nothing: null }, true],
    ["two missing values are not equal", { "%%root.nothing": "%%user.data.nothing" }, false],
    ["missing operand never matches, even a present value", { status: "%%values.none" }, false],
    ["field equals expansion", { "%%root.email": "%%user.data.email" }, true],
  ];
  it.each(cases)("%s", async (_name, expr, expected) => {
    await expectResult(expr, context(), expected);
  });
});

describe("converters", () => {
  const hex = TASK_ID.toHexString();
  const uuid = new UUID(UUID_TEXT);
  const ctx = context({
    user: { id: hex, data: {}, custom_data: { uuidText: UUID_TEXT, noOid: "nope" } },
    root: { _id: TASK_ID, owner: hex, key: uuid, rawKey: new Binary(uuid.buffer, Binary.SUBTYPE_UUID) },
  });
  const cases: [string, unknown, boolean][] = [
    ["%stringToOid of an expansion", { _id: { "%stringToOid": "%%user.id" } }, true],
    ["$stringToOid of a literal", { _id: { $stringToOid: hex } }, true],
    ["%stringToOid of the wrong id", { _id: { "%stringToOid": BOB } }, false],
    ["%stringToOid in key position's value of %in", { _id: { "%in": [{ "%stringToOid": "%%user.id" }] } }, true],
    ["%oidToString of %%root._id", { "%%user.id": { "%oidToString": "%%root._id" } }, true],
    ["%oidToString round trip", { owner: { "%oidToString": "%%root._id" } }, true],
    ["%stringToOid of an ObjectId passes through", { _id: { "%stringToOid": "%%root._id" } }, true],
    ["%stringToOid of a missing value is missing", { _id: { "%stringToOid": "%%user.data.none" } }, false],
    ["%stringToUuid of an expansion", { key: { "%stringToUuid": "%%user.custom_data.uuidText" } }, true],
    ["$stringToUuid of a literal without dashes", { key: { $stringToUuid: UUID_TEXT.replaceAll("-", "") } }, true],
    ["%uuidToString", { "%%user.custom_data.uuidText": { "%uuidToString": "%%root.key" } }, true],
    ["%uuidToString of a subtype-4 Binary", { "%%user.custom_data.uuidText": { "%uuidToString": "%%root.rawKey" } }, true],
    ["UUID never equals its string", { key: UUID_TEXT }, false],
  ];
  it.each(cases)("%s", async (_name, expr, expected) => {
    await expectResult(expr, ctx, expected);
  });

  it("converts literals once at compile time", () => {
    const expr = { _id: { "%stringToOid": hex } };
    expect(evaluateExpressionSync(expr, ctx)).toBe(true);
    expect(evaluateExpressionSync(expr, { root: { _id: new ObjectId() } })).toBe(false);
  });

  const invalid: [string, unknown, string][] = [
    ["%stringToOid of a bad literal", { _id: { "%stringToOid": "xyz" } }, '_id: %stringToOid needs a 24-character hex string, got "xyz"'],
    ["%stringToOid of a number", { _id: { "%stringToOid": 5 } }, "_id: %stringToOid needs a string literal or an expansion, got 5"],
    ["%stringToOid of a nested operator", { _id: { "%stringToOid": { "%oidToString": "%%root._id" } } }, "_id: %stringToOid needs a string literal or an expansion"],
    ["%stringToUuid of a bad literal", { key: { "%stringToUuid": "not-a-uuid" } }, 'key: %stringToUuid needs a UUID string, got "not-a-uuid"'],
    ["%uuidToString of a literal string", { key: { "%uuidToString": UUID_TEXT } }, "key: %uuidToString needs a UUID"],
    ["%oidToString of a literal", { owner: { "%oidToString": hex } }, "owner: %oidToString needs an ObjectId"],
    ["a converter with other keys", { _id: { "%stringToOid": hex, $ne: null } }, "_id: %stringToOid must be the only key of its object"],
  ];
  it.each(invalid)("rejects %s", async (_name, expr, message) => {
    expect(validateExpression(expr).join("\n")).toContain(message);
    await expectEvalError(expr, ctx, message);
  });

  const runtime: [string, unknown, string][] = [
    ["%stringToOid of a non-hex expansion", { _id: { "%stringToOid": "%%user.custom_data.noOid" } }, '_id: %stringToOid needs a 24-character hex string, but %%user.custom_data.noOid is "nope"'],
    ["%oidToString of a string expansion", { owner: { "%oidToString": "%%user.id" } }, `owner: %oidToString needs an ObjectId, but %%user.id is "${hex}"`],
    ["%uuidToString of an ObjectId", { owner: { "%uuidToString": "%%root._id" } }, "owner: %uuidToString needs a UUID, but %%root._id is ObjectId("],
  ];
  it.each(runtime)("fails at run time: %s", async (_name, expr, message) => {
    expect(validateExpression(expr)).toEqual([]);
    await expectEvalError(expr, ctx, message);
  });
});

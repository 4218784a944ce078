import { describe, expect, it, vi } from "vitest";

import { expressionScope } from "../../../src/rules/roles/index.ts";
import { ALICE, BOB, evaluator, role } from "./_helpers.ts";

describe("expression scope", () => {
  it.each([
    { expr: {}, document: false, field: false },
    { expr: { "%%user.data.email": { "%exists": true } }, document: false, field: false },
    { expr: { "%%true": { "%function": { name: "f", arguments: ["%%user.id"] } } }, document: false, field: false },
    { expr: { owner_id: "%%user.id" }, document: true, field: false },
    { expr: { "%%root.email": "%%user.data.email" }, document: true, field: false },
    { expr: { "%%prevRoot": { "%exists": false } }, document: true, field: false },
    { expr: { "%%true": { "%function": { name: "f", arguments: ["%%root._id"] } } }, document: true, field: false },
    { expr: { "%%this": { $gt: 0 } }, document: true, field: true },
    { expr: { "%or": [{ "%%user.id": "x" }, { "%%prev": 1 }] }, document: true, field: true },
  ])("$expr reads the document: $document, the field: $field", ({ expr, document, field }) => {
    expect(expressionScope(expr)).toMatchObject({ document, field });
  });
});

describe("evaluation strategy", () => {
  it("evaluates an apply_when that reads no document once per request", async () => {
    const callFunction = vi.fn(async () => true);
    const roles = [role("authorized", { apply_when: { "%%true": { "%function": { name: "isAuthorized", arguments: ["%%user.id"] } } }, read: true })];
    const ev = evaluator(roles, ALICE, { callFunction });
    for (let i = 0; i < 5; i++) expect(await ev.read({ _id: i })).toEqual({ _id: i });
    expect(callFunction).toHaveBeenCalledTimes(1);
    await evaluator(roles, ALICE, { callFunction }).read({ _id: 0 });
    expect(callFunction).toHaveBeenCalledTimes(2);
  });

  it("evaluates an apply_when that reads the document for every document", async () => {
    const callFunction = vi.fn(async (_name: string, args: unknown[]) => args[0] === 1);
    const roles = [role("byId", { apply_when: { "%%true": { "%function": { name: "allowed", arguments: ["%%root._id"] } } }, read: true })];
    const ev = evaluator(roles, ALICE, { callFunction });
    expect(await ev.read({ _id: 1 })).toEqual({ _id: 1 });
    expect(await ev.read({ _id: 2 })).toBeUndefined();
    expect(callFunction).toHaveBeenCalledTimes(2);
  });

  it("evaluates a document-wide expression once per document across its fields", () => {
    const roles = [role("r", { additional_fields: { read: { "%%root.public": true } } })];
    const ev = evaluator(roles, ALICE);
    expect(ev.read({ _id: 1, public: true, a: 1, b: 2 })).toEqual({ _id: 1, public: true, a: 1, b: 2 });
    expect(ev.read({ _id: 2, public: false, a: 1 })).toBeUndefined();
  });

  it("answers synchronously when no %function is involved", () => {
    const roles = [role("owner", { apply_when: { owner_id: "%%user.id" }, read: true, write: true, insert: true })];
    const ev = evaluator(roles, ALICE);
    expect(ev.read({ _id: 1, owner_id: ALICE.id })).toEqual({ _id: 1, owner_id: ALICE.id });
    expect(ev.write("insert", undefined, { _id: 1, owner_id: ALICE.id })).toMatchObject({ allowed: true });
    expect(ev.filters()).not.toBeInstanceOf(Promise);
  });

  it("only waits once it reaches a %function", () => {
    const callFunction = vi.fn(async () => true);
    const roles = [
      role("owner", { apply_when: { owner_id: "%%user.id" }, read: true }),
      role("fn", { apply_when: { "%%true": { "%function": { name: "f", arguments: [] } } }, read: true }),
    ];
    const ev = evaluator(roles, BOB, { callFunction });
    expect(ev.read({ _id: 1, owner_id: BOB.id })).toEqual({ _id: 1, owner_id: BOB.id });
    expect(ev.read({ _id: 2, owner_id: ALICE.id })).toBeInstanceOf(Promise);
  });

  it("decides %%user-only write expressions once and document ones per document", async () => {
    const roles = [role("r", { read: true, write: { "%%user.data.email": { "%exists": true } }, insert: true })];
    const ev = evaluator(roles, ALICE);
    expect(ev.write("insert", undefined, { _id: 1 })).toMatchObject({ allowed: true });
    expect(ev.write("insert", undefined, { _id: 2 })).toMatchObject({ allowed: true });
  });

  it("locates expression errors in the rules", () => {
    const roles = [role("r", { apply_when: { "%%user.custom_data.readPartitions": { "%in": "%%user.id" } }, read: true })];
    expect(() => evaluator(roles, ALICE).read({ _id: 1 })).toThrowError(/^roles\[0\]\.apply_when\.%%user\.custom_data\.readPartitions: %in needs/);
  });

  it("propagates errors thrown by functions", async () => {
    const callFunction = vi.fn(async () => {
      throw new Error("function failed");
    });
    const roles = [role("r", { apply_when: { "%%true": { "%function": { name: "f" } } }, read: true })];
    await expect(evaluator(roles, ALICE, { callFunction }).read({ _id: 1 })).rejects.toThrowError("function failed");
  });
});

import { describe, expect, it, vi } from "vitest";

import type { RoleConfig, RulesConfig, SyncConfig } from "../../src/config/types.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import { createRulesTrace, effectiveRules } from "../../src/rules/roles/index.ts";
import { SYSTEM_POLICY } from "../../src/services/mongodb-atlas/access-policy.ts";
import { createRulePolicy, type RulePolicyOptions } from "../../src/services/mongodb-atlas/rule-policy.ts";
import { SYSTEM_CONTEXT, userContext, type RequestUser } from "../../src/services/request-context.ts";

const ALICE: RequestUser = { id: "alice", type: "normal", data: { email: "alice@example.com" }, custom_data: {}, identities: [] };
const BOB: RequestUser = { id: "bob", type: "normal", data: { email: "bob@example.com" }, custom_data: {}, identities: [] };

const OWNER: RoleConfig = { name: "owner", apply_when: { owner_id: "%%user.id" }, read: true, write: true, insert: true, delete: true };
const READER: RoleConfig = { name: "reader", apply_when: {}, read: true };
const RULES: RulesConfig = { roles: [OWNER, READER], filters: [] };

function policy(options: Partial<RulePolicyOptions> = {}) {
  return createRulePolicy({ rules: RULES, namespace: "db.items", context: userContext(ALICE), ...options });
}

function caught(fn: () => unknown): AppServicesError {
  try {
    fn();
  } catch (error) {
    return error as AppServicesError;
  }
  throw new Error("expected an error");
}

describe("createRulePolicy", () => {
  it("bypasses rules for system requests", () => {
    expect(policy({ context: SYSTEM_CONTEXT })).toBe(SYSTEM_POLICY);
  });

  it("validates the schema of user writes", () => {
    expect(policy().validatesSchema).toBe(true);
  });

  it.each([
    { note: "no rules", rules: undefined },
    { note: "a rule set without roles", rules: { roles: [], filters: [] } },
  ])("fails every use with $note", ({ rules }) => {
    const p = policy({ rules, namespace: "my_database.users" });
    for (const use of [() => p.restrictFilter({}), () => p.readDocument({ _id: 1 }), () => p.checkWrite("insert", undefined, { _id: 1 })]) {
      const error = caught(use);
      expect(error).toBeInstanceOf(AppServicesError);
      expect(error.code).toBe("NoMatchingRuleFound");
      expect(error.message).toBe("no rule exists for namespace 'my_database.users'");
    }
  });

  it("picks the collection's roles, else the default rule (no mixing)", () => {
    const fallback: RulesConfig = { roles: [READER], filters: [] };
    expect(effectiveRules(RULES, fallback)).toBe(RULES);
    expect(effectiveRules({ roles: [], filters: [] }, fallback)).toBe(fallback);
    expect(effectiveRules(undefined, undefined)).toBeUndefined();
  });

  it("returns visible documents synchronously and withholds the rest", () => {
    const p = createRulePolicy({
      rules: { roles: [OWNER, { name: "titles", apply_when: {}, fields: { title: { read: true } } }], filters: [] },
      namespace: "db.items",
      context: userContext(ALICE),
    });
    expect(p.readDocument({ _id: 1, owner_id: "alice", title: "t", secret: 1 })).toEqual({ _id: 1, owner_id: "alice", title: "t", secret: 1 });
    expect(p.readDocument({ _id: 2, owner_id: "bob", title: "t", secret: 1 })).toEqual({ title: "t" });
    expect(p.readDocument({ _id: 3, owner_id: "bob", secret: 1 })).toBeUndefined();
  });

  it.each([
    { kind: "insert" as const, before: undefined, after: { _id: 1, owner_id: "bob" }, message: "insert not permitted" },
    { kind: "update" as const, before: { _id: 1, owner_id: "bob", n: 1 }, after: { _id: 1, owner_id: "bob", n: 2 }, message: "update not permitted" },
    { kind: "replace" as const, before: { _id: 1, owner_id: "bob" }, after: { _id: 1 }, message: "update not permitted" },
    { kind: "delete" as const, before: { _id: 1, owner_id: "bob" }, after: undefined, message: "delete not permitted" },
  ])("refuses a denied $kind with HTTP 400 '$message'", ({ kind, before, after, message }) => {
    const error = caught(() => policy().checkWrite(kind, before, after));
    expect(error).toMatchObject({ code: "MongoDBError", httpStatus: 400, message });
    expect(error.details).toMatchObject({ namespace: "db.items", operation: kind, role: "reader" });
    expect(policy().checkWrite(kind, before && { ...before, owner_id: "alice" }, after && { ...after, owner_id: "alice" })).toBeUndefined();
  });

  it("merges query filters and applies their projections", () => {
    const rules: RulesConfig = {
      roles: [READER],
      filters: [{ name: "mine", apply_when: {}, query: { owner_id: "%%user.id" }, projection: { secret: 0 } }],
    };
    const p = policy({ rules });
    expect(p.restrictFilter({ n: 1 })).toEqual({ $and: [{ n: 1 }, { owner_id: "alice" }] });
    expect(p.readDocument({ _id: 1, owner_id: "alice", secret: 2 })).toEqual({ _id: 1, owner_id: "alice" });
  });

  it("reports rule expressions that cannot be evaluated as configuration errors", () => {
    const rules: RulesConfig = { roles: [{ name: "bad", apply_when: { "%%user.id": { $in: "%%user.data.email" } }, read: true }], filters: [] };
    const error = caught(() => policy({ rules }).readDocument({ _id: 1 }));
    expect(error).toMatchObject({ code: "InvalidConfig" });
    expect(error.message).toMatch(/^cannot evaluate the rules of 'db\.items': roles\[0\]\.apply_when\.%%user\.id: \$in needs/);
  });

  it("waits for %function results and reports their errors", async () => {
    const callFunction = vi.fn(async (_name: string, args: unknown[]) => args[0] === "alice");
    const rules: RulesConfig = {
      roles: [{ name: "fn", apply_when: { "%%true": { "%function": { name: "allowed", arguments: ["%%user.id"] } } }, read: true, write: true, insert: true }],
      filters: [],
    };
    const p = policy({ rules, callFunction });
    expect(await p.readDocument({ _id: 1 })).toEqual({ _id: 1 });
    // The apply_when result is kept for the request, so this answers without waiting.
    expect(p.checkWrite("insert", undefined, { _id: 2 })).toBeUndefined();
    const asBob = policy({ rules, callFunction, context: userContext(BOB) });
    await expect(asBob.checkWrite("insert", undefined, { _id: 2 })).rejects.toMatchObject({ message: "insert not permitted" });
    expect(callFunction).toHaveBeenCalledTimes(2);
  });

  it("records decisions in the request's trace", () => {
    const trace = createRulesTrace("db.items");
    const p = policy({ trace });
    p.restrictFilter({});
    p.readDocument({ _id: 1, owner_id: "bob" });
    expect(() => p.checkWrite("delete", { _id: 1, owner_id: "bob" }, undefined)).toThrow();
    expect(trace.decisions.map((d) => [d.operation, d.role, d.allowed])).toEqual([
      ["read", "reader", true],
      ["delete", "reader", false],
    ]);
  });
});

describe("createRulePolicy with partition Sync enabled", () => {
  const SYNC: SyncConfig = {
    state: "enabled",
    development_mode_enabled: false,
    database_name: "tracker",
    partition: {
      key: "_partition",
      type: "string",
      required: true,
      permissions: { read: { "%%partition": { $in: ["PUBLIC", "%%user.id"] } }, write: { "%%user.id": "%%partition" } },
    },
  };
  const p = () => createRulePolicy({ rules: undefined, namespace: "tracker.Task", context: userContext(ALICE), sync: SYNC });

  it("replaces the roles: reads by the document's partition", () => {
    expect(p().readDocument({ _id: 1, _partition: "PUBLIC" })).toEqual({ _id: 1, _partition: "PUBLIC" });
    expect(p().readDocument({ _id: 2, _partition: "alice" })).toEqual({ _id: 2, _partition: "alice" });
    expect(p().readDocument({ _id: 3, _partition: "bob" })).toBeUndefined();
    expect(p().restrictFilter({ a: 1 })).toEqual({ a: 1 });
  });

  it("needs write permission on the partition before and after a write", () => {
    expect(p().checkWrite("insert", undefined, { _id: 1, _partition: "alice" })).toBeUndefined();
    expect(caught(() => p().checkWrite("insert", undefined, { _id: 1, _partition: "PUBLIC" })).message).toBe("insert not permitted");
    expect(caught(() => p().checkWrite("update", { _id: 1, _partition: "alice" }, { _id: 1, _partition: "bob" })).message).toBe("update not permitted");
    expect(caught(() => p().checkWrite("delete", { _id: 1, _partition: "PUBLIC" }, undefined)).message).toBe("delete not permitted");
    expect(p().checkWrite("delete", { _id: 1, _partition: "alice" }, undefined)).toBeUndefined();
  });

  it("ignores Sync that is not enabled", () => {
    const off = createRulePolicy({ rules: undefined, namespace: "tracker.Task", context: userContext(ALICE), sync: { ...SYNC, state: "disabled" } });
    expect(() => off.restrictFilter({})).toThrowError("no rule exists for namespace 'tracker.Task'");
  });
});

import { describe, expect, it, vi } from "vitest";

import { createRulesTrace, formatDecisionTrace } from "../../../src/rules/roles/index.ts";
import { ALICE, BOB, evaluator, role } from "./_helpers.ts";

const TASK_ROLES = [
  role("isAssignee", { apply_when: { assignee: "%%user.id" }, insert: true, delete: true, read: true, write: true }),
  role("default", { apply_when: {}, insert: false, delete: false, read: true, write: false }),
];

describe("decision traces", () => {
  it("records the roles tried with substituted values, the applied role and the outcome", () => {
    const trace = createRulesTrace("tracker.tasks");
    const ev = evaluator(TASK_ROLES, ALICE);
    ev.read({ _id: 1, assignee: BOB.id, name: "n" }, trace);
    const [decision] = trace.decisions;
    expect(decision).toMatchObject({
      operation: "read",
      documentId: 1,
      role: "default",
      allowed: true,
      reason: 'role "default" reads the whole document',
      roles: [
        {
          role: "isAssignee",
          index: 0,
          applyWhen: {
            result: false,
            where: "roles[0].apply_when",
            source: "expression",
            entries: [{ key: "assignee", left: BOB.id, op: "==", source: "%%user.id", operand: ALICE.id, result: false }],
          },
        },
        { role: "default", index: 1, applyWhen: { result: true, source: "constant" } },
      ],
      document: [{ name: "read", where: "roles[1].read", result: true, source: "constant" }],
      fields: [],
    });
  });

  it("records per-field outcomes and what decided them", () => {
    const r = role("partial", {
      fields: { title: { read: true }, owner_id: { write: { "%%this": "%%user.id" } } },
      additional_fields: {},
    });
    const trace = createRulesTrace();
    evaluator([r], ALICE).read({ _id: 1, title: "t", owner_id: ALICE.id }, trace);
    expect(trace.decisions[0].fields).toMatchObject([
      { path: "_id", access: "read", allowed: false, via: "additional_fields.write", outcome: { source: "default" } },
      { path: "title", access: "read", allowed: true, via: "fields.title.read", outcome: { source: "constant" } },
      { path: "owner_id", access: "read", allowed: true, via: "fields.owner_id.write", outcome: { source: "expression", where: "roles[0].fields.owner_id.write" } },
    ]);
    expect(trace.decisions[0].reason).toBe('role "partial" reads 2 of 3 fields');
  });

  it("names the denied field of a write", () => {
    const r = role("statusOnly", { read: true, fields: { status: { write: true } } });
    const trace = createRulesTrace();
    const decision = evaluator([r], ALICE).write("update", { _id: 1, status: "a", name: "n" }, { _id: 1, status: "b", name: "m" }, trace);
    expect(decision).toEqual({ allowed: false, message: "update not permitted", reason: 'role "statusOnly" cannot write field "name"', role: "statusOnly" });
    expect(trace.decisions[0]).toMatchObject({
      operation: "update",
      allowed: false,
      fields: [
        { path: "status", access: "write", allowed: true, via: "fields.status.write" },
        { path: "name", access: "write", allowed: false, via: "additional_fields.write" },
      ],
    });
  });

  it("marks results reused from earlier in the request", () => {
    const emailRole = role("hasEmail", { apply_when: { "%%user.data.email": { "%exists": true } }, read: true });
    const trace = createRulesTrace();
    const ev = evaluator([emailRole], ALICE);
    ev.read({ _id: 1 }, trace);
    ev.read({ _id: 2 }, trace);
    const [first, second] = trace.decisions.map((d) => d.roles[0].applyWhen);
    expect(first.cached).toBeUndefined();
    expect(second.cached).toBe(true);
    expect(second.entries).toEqual(first.entries);
  });

  it("formats a trace as readable lines", () => {
    const trace = createRulesTrace("tracker.tasks");
    const ev = evaluator(TASK_ROLES, ALICE);
    ev.read({ _id: 1, assignee: BOB.id }, trace);
    ev.write("delete", { _id: 1, assignee: BOB.id }, undefined, trace);
    expect(formatDecisionTrace(trace)).toEqual([
      "rules for tracker.tasks",
      'read _id: 1 → allowed: role "default" reads the whole document',
      "  role isAssignee: false (roles[0].apply_when, expression)",
      `      assignee ("${BOB.id}") == %%user.id ("${ALICE.id}") → false`,
      "  role default: true (roles[1].apply_when, set)",
      "  applied role: default",
      "  read: true (roles[1].read, set)",
      'delete _id: 1 → denied: role "default" cannot write field "_id"',
      "  role isAssignee: false (roles[0].apply_when, expression)",
      `      assignee ("${BOB.id}") == %%user.id ("${ALICE.id}") → false`,
      "  role default: true (roles[1].apply_when, set)",
      "  applied role: default",
      "  write: false (roles[1].write, set)",
      "  write _id: false (additional_fields.write, default)",
    ]);
  });

  it("costs nothing when not requested: no promise, no record", () => {
    const ev = evaluator(TASK_ROLES, ALICE);
    const visible = ev.read({ _id: 1, assignee: ALICE.id });
    expect(visible).not.toBeInstanceOf(Promise);
    expect(visible).toEqual({ _id: 1, assignee: ALICE.id });
    const spy = vi.spyOn(Array.prototype, "push");
    ev.read({ _id: 2, assignee: BOB.id });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

import { describe, expect, it } from "vitest";

import type { ExplainReport, OperationReport } from "../../../src/ui/state/graphql-api.ts";
import { nullVerdict } from "../../../src/ui/playground/explain-verdict.ts";

const oid = (n: number) => ({ $oid: n.toString(16).padStart(24, "0") });

function op(patch: Partial<OperationReport>): OperationReport {
  return {
    operation: "find",
    database: "tracker",
    collection: "tasks",
    call: "tasks.find({})",
    governedBy: "collection roles",
    roleFilters: [],
    roles: [],
    read: 0,
    matched: 0,
    returned: 0,
    returnedIds: [],
    filteredOut: { count: 0, ids: [] },
    withheld: { count: 0, ids: [] },
    hidden: { count: 0, documents: [] },
    storage: [],
    storageMs: 0,
    ms: 0,
    ...patch,
  };
}

function report(key: string, operation: OperationReport): ExplainReport {
  return {
    runAs: { kind: "user", userId: "u1" },
    fields: [{ kind: "root", key, field: `Query.${key}`, operations: [operation], ms: 1 }],
    totals: { operations: 1, storageQueries: 1, documentsRead: 0, storageMs: 0, ms: 1 },
  };
}

describe("nullVerdict", () => {
  it("a missing document: none matched, or the rules kept it from the user", () => {
    expect(nullVerdict(report("task", op({ read: 3 })), ["task"])).toMatch(/No document matched the query/);
    expect(nullVerdict(report("task", op({ read: 3, matched: 1, withheld: { count: 1, ids: [oid(1)] } })), ["task"])).toMatch(/The rules kept a matching document/);
  });

  it("a null field: hidden by the rules, or not held by the document", () => {
    const ran = op({ returnedIds: [oid(1), oid(2)], hidden: { count: 1, documents: [{ id: oid(2), fields: ["assignee", "_partition"] }] } });
    expect(nullVerdict(report("tasks", ran), ["tasks", 1, "assignee"])).toMatch(/The rules hid assignee of this document/);
    expect(nullVerdict(report("tasks", ran), ["tasks", 0, "assignee"])).toMatch(/did not hide assignee: this document holds no value/);
    expect(nullVerdict(report("task", op({ returnedIds: [oid(1)] })), ["task", "status"])).toMatch(/did not hide status/);
  });

  it("says nothing it cannot tell", () => {
    expect(nullVerdict(report("tasks", op({ returnedIds: [oid(1)] })), ["tasks", 0, "assignee", "name"])).toBeUndefined();
    expect(nullVerdict(report("tasks", op({})), ["user"])).toBeUndefined();
  });
});

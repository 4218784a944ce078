import { describe, expect, it } from "vitest";

import type { ExplainReport, OperationReport } from "../../../src/ui/state/graphql-api.ts";
import { countsText, documentAt, fieldHeading, filterText, formatMs, governedText, idText, storageText, summaryLine } from "../../../src/ui/playground/explain-text.ts";

const op = (over: Partial<OperationReport> = {}): OperationReport => ({
  operation: "find",
  database: "tracker",
  collection: "tasks",
  call: "tasks.find({}).limit(100)",
  governedBy: "collection roles",
  roleFilters: [],
  roles: [],
  read: 5,
  matched: 4,
  returned: 3,
  returnedIds: [],
  filteredOut: { count: 0, ids: [] },
  withheld: { count: 0, ids: [] },
  hidden: { count: 0, documents: [] },
  storage: [],
  storageMs: 1,
  ms: 2,
  ...over,
});

describe("Explain in words", () => {
  it.each([
    [{ $oid: "000000000000000000000001" }, 'ObjectId("000000000000000000000001")'],
    ["abc", '"abc"'],
    [{ $numberLong: "7" }, 'Long("7")'],
    [{ $uuid: "0e5b…" }, 'UUID("0e5b…")'],
    [3, "3"],
  ])("writes the id %j as %s", (id, text) => expect(idText(id)).toBe(text));

  it.each([
    [{ kind: "id lookup", keys: 2, documents: 2, ms: 0 }, "Looked up 2 _ids directly: 2 documents"],
    [{ kind: "index lookup", field: "user_id", keys: 1, documents: 3, ms: 0 }, "Looked up 1 value in the index on user_id: 3 documents"],
    [{ kind: "index range", field: "age", keys: 1, documents: 0, ms: 0 }, "Read a range of the index on age: 0 documents"],
    [{ kind: "scan", keys: 0, documents: 5, ms: 0 }, "Scanned the whole collection (no index could narrow it): 5 documents"],
    [{ kind: "scan", keys: 2, documents: 192, ms: 0 }, "Scanned the collection a page at a time, to stop at the limit (2 pages read): 192 documents"],
  ] as const)("says how storage was read: %j", (read, text) => expect(storageText(read)).toBe(text));

  it("counts what storage read, what matched and what was returned, written or counted", () => {
    expect(countsText(op())).toBe("Storage returned 5 documents, 4 matched the filter, 3 returned.");
    expect(countsText(op({ ranFilter: '{owner: "a"}' }))).toBe("Storage returned 5 documents, 4 matched the filter that ran, 3 returned.");
    expect(countsText(op({ operation: "count", returned: 4 }))).toBe("Storage returned 5 documents, 4 matched the filter, the count answered was 4.");
    expect(countsText(op({ operation: "update", written: 1 }))).toBe("Storage returned 5 documents, 4 matched the filter, 1 document written.");
    expect(countsText(op({ operation: "insert", written: 2 }))).toBe("Inserted 2 documents.");
  });

  it("says who decided, and what a filter did", () => {
    expect(governedText(op())).toMatch(/roles of tracker\.tasks decided/);
    expect(governedText(op({ governedBy: "system (rules bypassed)" }))).toMatch(/no rules were applied/);
    expect(governedText(op({ governedBy: "no rules" }))).toMatch(/may not read or write/);
    const applyWhen = { name: "apply_when", where: "filters[0].apply_when", result: true, source: "expression" as const, lines: [] };
    expect(filterText({ name: "mine", applies: true, applyWhen, query: '{owner: "a"}' })).toBe('Filter mine applied, so it added {owner: "a"} to the query.');
    expect(filterText({ name: "mine", applies: false, applyWhen: { ...applyWhen, result: false } })).toBe("Filter mine did not apply to this user, so it added nothing.");
  });

  it("heads a field by its key, an alias with the field it renames, relationship reads by the fields that asked", () => {
    const base = { operations: [], ms: 1 };
    expect(fieldHeading({ ...base, kind: "root", key: "tasks", field: "Query.tasks" })).toEqual({ title: "tasks", detail: "Query.tasks" });
    expect(fieldHeading({ ...base, kind: "root", key: "open", field: "Query.tasks" })).toEqual({ title: "open", detail: "alias of Query.tasks" });
    expect(fieldHeading({ ...base, kind: "relationship", key: "tracker.users", field: "User", relationships: ["Task.assignee"] }).title).toBe("Related User documents");
  });

  it("sums up the run in one line", () => {
    const report: ExplainReport = {
      runAs: { kind: "user", userId: "u1", email: "ada@example.com" },
      fields: [],
      totals: { operations: 2, storageQueries: 2, documentsRead: 1234, storageMs: 1.25, ms: 12.5 },
    };
    expect(summaryLine(report)).toBe("Ran as ada@example.com · 2 database operations · 2 storage queries · 1,234 documents read from storage · 12.5 ms in all, 1.3 ms of it waiting for storage");
    expect(formatMs(0.01)).toBe("< 0.1 ms");
    expect(formatMs(2500)).toBe("2.50 s");
  });
});

describe("the document behind a path of the answer", () => {
  const report: ExplainReport = {
    runAs: { kind: "user", userId: "u1" },
    totals: { operations: 2, storageQueries: 2, documentsRead: 2, storageMs: 0, ms: 1 },
    fields: [
      { kind: "root", key: "tasks", field: "Query.tasks", ms: 1, operations: [op({ collection: "users", returnedIds: [{ $oid: "u" }] }), op({ returnedIds: [{ $oid: "a" }, { $oid: "b" }] })] },
      { kind: "root", key: "task", field: "Query.task", ms: 1, operations: [op({ operation: "findOne", returnedIds: [] })] },
      { kind: "root", key: "one", field: "Query.task", ms: 1, operations: [op({ operation: "findOne", returnedIds: [{ $oid: "c" }] })] },
    ],
  };

  it("is the field's last answer at that position", () => {
    expect(documentAt(report, ["tasks", 1, "assignee"])).toEqual({ database: "tracker", collection: "tasks", id: { $oid: "b" } });
    expect(documentAt(report, ["one", "assignee"])).toEqual({ database: "tracker", collection: "tasks", id: { $oid: "c" } });
  });

  it("is unknown where nothing was answered", () => {
    expect(documentAt(report, ["task"])).toBeUndefined();
    expect(documentAt(report, ["tasks", 5])).toBeUndefined();
    expect(documentAt(report, ["missing"])).toBeUndefined();
  });
});

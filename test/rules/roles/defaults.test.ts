import { describe, expect, it } from "vitest";

import { compileRules, rulesGeneration } from "../../../src/rules/roles/index.ts";
import { ALICE, ANON, evaluator, read, role, rules, verdict } from "./_helpers.ts";

const DOC = { _id: 1, title: "t" };

describe("role defaults", () => {
  it("reads and writes nothing unless told to", async () => {
    const bare = role("bare", { insert: true, delete: true });
    expect(await read([bare], DOC)).toBeUndefined();
    expect(await verdict([bare], "update", DOC, { ...DOC, title: "u" })).toBe("update not permitted");
  });

  it.each([
    { generation: "2020", marker: {}, insertDelete: "denied" },
    { generation: "2022", marker: { search: true }, insertDelete: "allowed" },
    { generation: "2022", marker: { document_filters: { read: true, write: true } }, insertDelete: "allowed" },
  ])("defaults insert/delete of a $generation rule set ($insertDelete)", async ({ generation, marker, insertDelete }) => {
    const writer = role("writer", { write: true, ...marker });
    expect(rulesGeneration([writer])).toBe(generation);
    const insert = await verdict([writer], "insert", undefined, DOC);
    const remove = await verdict([writer], "delete", DOC, undefined);
    expect([insert, remove]).toEqual(insertDelete === "allowed" ? ["allowed", "allowed"] : ["insert not permitted", "delete not permitted"]);
  });

  it("decides the generation for the whole rule set", async () => {
    const old = role("old", { apply_when: { kind: "old" }, write: true });
    const modern = role("modern", { apply_when: { kind: "new" }, write: true, search: true });
    expect(compileRules(rules([old, modern])).generation).toBe("2022");
    expect(await verdict([old, modern], "insert", undefined, { _id: 1, kind: "old" })).toBe("allowed");
  });

  it("keeps explicit insert/delete whatever the generation", async () => {
    const explicit = role("explicit", { write: true, insert: false, delete: false, search: true });
    expect(await verdict([explicit], "insert", undefined, DOC)).toBe("insert not permitted");
    expect(await verdict([explicit], "delete", DOC, undefined)).toBe("delete not permitted");
  });

  it("makes the 'No template' role unable to insert or delete, since it cannot write any field (§3.4)", async () => {
    const noTemplate = role("default", { apply_when: {}, insert: true, delete: true, search: true, additional_fields: {} });
    expect(await read([noTemplate], DOC)).toBeUndefined();
    expect(await verdict([noTemplate], "insert", undefined, DOC)).toBe("insert not permitted");
    expect(await verdict([noTemplate], "insert", undefined, {})).toBe("allowed");
  });

  it("defaults the other setting of a field entry to false", async () => {
    const r = role("r", { fields: { title: { write: false } }, additional_fields: { read: true } });
    expect(await read([r], { _id: 1, title: "t", other: 2 })).toEqual({ _id: 1, other: 2 });
  });

  it("sends a field entry that sets nothing to additional_fields", async () => {
    const r = role("r", { fields: { title: {} }, additional_fields: { read: true } });
    expect(await read([r], { _id: 1, title: "t" })).toEqual({ _id: 1, title: "t" });
  });

  it("treats an empty expression as true", async () => {
    expect(await read([role("r", { read: {} })], DOC)).toEqual(DOC);
  });
});

describe("document_filters (Rules v2)", () => {
  const owner = { owner_id: "5f1a2b3c4d5e6f7a8b9c0001" };
  it.each([
    { filters: { read: false }, visible: false, writes: "allowed", note: "read false withholds even with write: true on the role" },
    { filters: { read: false, write: true }, visible: true, writes: "allowed", note: "write true implies read" },
    { filters: { write: false }, visible: true, writes: "update not permitted", note: "write false denies writes" },
    { filters: { read: owner, write: owner }, visible: true, writes: "allowed", note: "expressions against the document" },
  ])("$note", async ({ filters, visible, writes }) => {
    const r = role("r", { write: true, document_filters: filters });
    const doc = { _id: 1, ...owner, title: "t" };
    expect(await read([r], doc)).toEqual(visible ? doc : undefined);
    expect(await verdict([r], "update", doc, { ...doc, title: "u" })).toBe(writes);
  });

  it("withholds documents whose filter expression fails", async () => {
    const r = role("r", { read: true, document_filters: { read: owner, write: owner } });
    expect(await read([r], { _id: 1, owner_id: "other" })).toBeUndefined();
  });
});

describe("search permission", () => {
  it("defaults to true and is decided by the first role that applies to the caller", () => {
    const roles = [
      role("emailUsers", { apply_when: { "%%user.data.email": { "%exists": true } }, search: false }),
      role("everyone", { apply_when: {}, read: true }),
    ];
    expect(evaluator(roles, ALICE).search()).toBe(false);
    expect(evaluator(roles, ANON).search()).toBe(true);
  });

  it("is refused when no role applies without a document", () => {
    expect(evaluator([role("owner", { apply_when: { owner_id: "%%user.id" }, read: true })], ALICE).search()).toBe(false);
  });
});

import { describe, expect, it } from "vitest";

import type { RoleConfig } from "../../../src/config/types.ts";
import { Double, Long, type Document } from "../../../src/bson/types.ts";
import type { WriteKind } from "../../../src/rules/roles/index.ts";
import { read, role, verdict } from "./_helpers.ts";

const DOC = { _id: 1, owner_id: "u1", title: "Plan", status: "Open" };

interface WriteCase {
  op: string;
  kind: WriteKind;
  before?: Document;
  after?: Document;
  expected: string;
}

const update = (changes: Document): Pick<WriteCase, "kind" | "before" | "after"> => ({ kind: "update", before: DOC, after: { ...DOC, ...changes } });
const insert = (doc: Document = DOC): Pick<WriteCase, "kind" | "before" | "after"> => ({ kind: "insert", after: doc });
const remove = (): Pick<WriteCase, "kind" | "before" | "after"> => ({ kind: "delete", before: DOC });

/** The CRUD permission templates of the Query Roles reference. */
const PATTERNS: { pattern: string; role: RoleConfig; visible: Document | undefined; writes: WriteCase[] }[] = [
  {
    pattern: "read all fields but cannot write",
    role: role("reader", { read: true, insert: false, delete: false }),
    visible: DOC,
    writes: [
      { op: "update a field", ...update({ status: "Done" }), expected: "update not permitted" },
      { op: "insert", ...insert(), expected: "insert not permitted" },
      { op: "delete", ...remove(), expected: "delete not permitted" },
    ],
  },
  {
    pattern: "read and write all fields",
    role: role("editor", { write: true, insert: true, delete: true }),
    visible: DOC,
    writes: [
      { op: "update a field", ...update({ status: "Done" }), expected: "allowed" },
      { op: "add a field", ...update({ due: "tomorrow" }), expected: "allowed" },
      { op: "replace", kind: "replace", before: DOC, after: { _id: 1, title: "Other" }, expected: "allowed" },
      { op: "insert", ...insert(), expected: "allowed" },
      { op: "delete", ...remove(), expected: "allowed" },
    ],
  },
  {
    pattern: "read all fields and write specific fields",
    role: role("statusEditor", { read: true, insert: true, delete: true, fields: { status: { write: true } } }),
    visible: DOC,
    writes: [
      { op: "update the writable field", ...update({ status: "Done" }), expected: "allowed" },
      { op: "remove the writable field", kind: "update", before: DOC, after: { _id: 1, owner_id: "u1", title: "Plan" }, expected: "allowed" },
      { op: "update another field", ...update({ title: "Other" }), expected: "update not permitted" },
      { op: "update both", ...update({ title: "Other", status: "Done" }), expected: "update not permitted" },
      { op: "insert (needs write on every field)", ...insert(), expected: "insert not permitted" },
      { op: "insert of only writable fields", ...insert({ status: "Open" }), expected: "allowed" },
      { op: "delete (needs write on every field)", ...remove(), expected: "delete not permitted" },
    ],
  },
  {
    pattern: "read and write all fields but cannot insert",
    role: role("noInsert", { write: true, insert: false, delete: true }),
    visible: DOC,
    writes: [
      { op: "update", ...update({ title: "Other" }), expected: "allowed" },
      { op: "insert", ...insert(), expected: "insert not permitted" },
      { op: "delete", ...remove(), expected: "allowed" },
    ],
  },
  {
    pattern: "cannot write specific fields",
    role: role("notOwner", {
      insert: true,
      delete: true,
      fields: { owner_id: { read: true, write: false } },
      additional_fields: { read: true, write: true },
    }),
    visible: DOC,
    writes: [
      { op: "update another field", ...update({ title: "Other" }), expected: "allowed" },
      { op: "add a new field", ...update({ priority: 2 }), expected: "allowed" },
      { op: "update the protected field", ...update({ owner_id: "u2" }), expected: "update not permitted" },
      { op: "remove the protected field", kind: "update", before: DOC, after: { _id: 1, title: "Plan", status: "Open" }, expected: "update not permitted" },
      { op: "insert with the protected field", ...insert(), expected: "insert not permitted" },
      { op: "insert without it", ...insert({ _id: 2, title: "New" }), expected: "allowed" },
      { op: "delete (needs write on every field)", ...remove(), expected: "delete not permitted" },
    ],
  },
  {
    pattern: "insert-only role",
    role: role("insertOnly", { delete: false, insert: true, write: { "%%prevRoot": { "%exists": false } }, additional_fields: {} }),
    visible: undefined,
    writes: [
      { op: "insert", ...insert(), expected: "allowed" },
      { op: "update", ...update({ title: "Other" }), expected: "update not permitted" },
      { op: "delete", ...remove(), expected: "delete not permitted" },
    ],
  },
];

describe("CRUD permission templates", () => {
  for (const { pattern, role: config, visible, writes } of PATTERNS) {
    describe(pattern, () => {
      it(visible ? "reads the whole document" : "reads nothing, so the document is withheld", async () => {
        expect(await read([config], DOC)).toEqual(visible);
      });
      it.each(writes)("$op → $expected", async ({ kind, before, after, expected }) => {
        expect(await verdict([config], kind, before, after)).toBe(expected);
      });
    });
  }
});

describe("field-level permissions for embedded documents", () => {
  const embedded = role("canReadEmbeddedField", {
    apply_when: {},
    delete: true,
    insert: true,
    fields: { someEmbeddedDocument: { fields: { someEmbeddedField: { read: true, write: true } } } },
    additional_fields: {},
  });
  const doc = { _id: 1, title: "t", someEmbeddedDocument: { someEmbeddedField: 1, other: 2 } };

  it("reads only the listed embedded field", async () => {
    expect(await read([embedded], doc)).toEqual({ someEmbeddedDocument: { someEmbeddedField: 1 } });
  });

  it.each([
    { op: "change the listed embedded field", after: { ...doc, someEmbeddedDocument: { someEmbeddedField: 5, other: 2 } }, expected: "allowed" },
    { op: "change an unlisted embedded field", after: { ...doc, someEmbeddedDocument: { someEmbeddedField: 1, other: 3 } }, expected: "update not permitted" },
    { op: "add an embedded field", after: { ...doc, someEmbeddedDocument: { someEmbeddedField: 1, other: 2, x: 0 } }, expected: "update not permitted" },
    { op: "change a top-level field", after: { ...doc, title: "u" }, expected: "update not permitted" },
    { op: "replace the embedded document by a string", after: { ...doc, someEmbeddedDocument: "gone" }, expected: "update not permitted" },
  ])("$op → $expected", async ({ after, expected }) => {
    expect(await verdict([embedded], "update", doc, after)).toBe(expected);
  });

  it("inserts only documents made of writable fields", async () => {
    expect(await verdict([embedded], "insert", undefined, { someEmbeddedDocument: { someEmbeddedField: 1 } })).toBe("allowed");
    expect(await verdict([embedded], "insert", undefined, { _id: 9, someEmbeddedDocument: { someEmbeddedField: 1 } })).toBe("insert not permitted");
  });

  it("lets a parent field's permission override its embedded fields", async () => {
    const parent = role("parent", { fields: { meta: { read: true, fields: { secret: { read: false } } } } });
    const stored = { _id: 1, meta: { secret: "s", open: "o" }, hidden: 1 };
    expect(await read([parent], stored)).toEqual({ meta: { secret: "s", open: "o" } });
  });

  it("applies embedded permissions to each element of an array of documents", async () => {
    const members = role("members", { fields: { memberOf: { fields: { name: { read: true, write: true } } } } });
    const stored = { _id: "u", memberOf: [{ name: "A", partition: "p=a" }, { name: "B", partition: "p=b" }] };
    expect(await read([members], stored)).toEqual({ memberOf: [{ name: "A" }, { name: "B" }] });
    const renamed = { _id: "u", memberOf: [{ name: "A2", partition: "p=a" }, { name: "B", partition: "p=b" }] };
    expect(await verdict([members], "update", stored, renamed)).toBe("allowed");
    const moved = { _id: "u", memberOf: [{ name: "A", partition: "p=z" }, { name: "B", partition: "p=b" }] };
    expect(await verdict([members], "update", stored, moved)).toBe("update not permitted");
    const appended = { _id: "u", memberOf: [...stored.memberOf, { name: "C" }] };
    expect(await verdict([members], "update", stored, appended)).toBe("allowed");
  });

  it("falls back to additional_fields for unlisted embedded fields", async () => {
    const fallback = role("fallback", { fields: { meta: { fields: { secret: { read: false } } } }, additional_fields: { read: true } });
    expect(await read([fallback], { _id: 1, meta: { secret: "s", open: "o" } })).toEqual({ _id: 1, meta: { open: "o" } });
  });
});

describe("document-level and field-level priority", () => {
  it("lets document-level read override field-level read: false", async () => {
    const r = role("r", { read: true, fields: { title: { read: false } } });
    expect(await read([r], DOC)).toEqual(DOC);
  });

  it("gives read permission wherever there is write permission", async () => {
    const fieldWrite = role("w", { fields: { title: { write: true } } });
    expect(await read([fieldWrite], DOC)).toEqual({ title: "Plan" });
    const additionalWrite = role("aw", { additional_fields: { write: true } });
    expect(await read([additionalWrite], DOC)).toEqual(DOC);
  });

  it("evaluates field expressions with %%this and %%prev", async () => {
    const forwardOnly = role("forward", {
      read: true,
      fields: { status: { write: { "%or": [{ "%%prev": "Open", "%%this": "InProgress" }, { "%%prev": "InProgress", "%%this": "Done" }] } } },
    });
    expect(await verdict([forwardOnly], "update", DOC, { ...DOC, status: "InProgress" })).toBe("allowed");
    expect(await verdict([forwardOnly], "update", DOC, { ...DOC, status: "Done" })).toBe("update not permitted");
  });

  it("evaluates document-level expressions against the document after the write", async () => {
    const keepOwner = role("keepOwner", { apply_when: { owner_id: "%%user.id" }, read: true, write: { owner_id: "%%user.id" } });
    const mine = { _id: 1, owner_id: "5f1a2b3c4d5e6f7a8b9c0001", title: "t" };
    expect(await verdict([keepOwner], "update", mine, { ...mine, title: "u" })).toBe("allowed");
    expect(await verdict([keepOwner], "update", mine, { ...mine, owner_id: "someone" })).toBe("update not permitted");
  });

  it("chooses the role of an update from the document before it, so a write cannot pick its role", async () => {
    const roles = [
      role("owner", { apply_when: { owner_id: "%%user.id" }, write: true }),
      role("reader", { apply_when: {}, read: true }),
    ];
    const others = { _id: 1, owner_id: "someone", title: "t" };
    expect(await verdict(roles, "update", others, { ...others, owner_id: "5f1a2b3c4d5e6f7a8b9c0001" })).toBe("update not permitted");
  });

  it("counts a change of BSON type as a change, and reordered embedded fields too", async () => {
    const r = role("r", { read: true, fields: { n: { read: true }, meta: { read: true } }, additional_fields: { write: true } });
    const doc = { _id: 1, n: 1, meta: { a: 1, b: 2 } };
    expect(await verdict([r], "update", doc, { ...doc, n: new Double(1) })).toBe("update not permitted");
    expect(await verdict([r], "update", doc, { ...doc, n: Long.fromNumber(1) })).toBe("update not permitted");
    expect(await verdict([r], "update", doc, { ...doc, meta: { b: 2, a: 1 } })).toBe("update not permitted");
    expect(await verdict([r], "update", doc, { ...doc, meta: { a: 1, b: 2 }, other: 1 })).toBe("allowed");
  });

  it("denies a write when no role applies", async () => {
    const owner = role("owner", { apply_when: { owner_id: "%%user.id" }, write: true, insert: true });
    expect(await verdict([owner], "insert", undefined, { _id: 1, owner_id: "someone" })).toBe("insert not permitted");
    expect(await verdict([owner], "delete", { _id: 1, owner_id: "someone" }, undefined)).toBe("delete not permitted");
  });
});

import Dexie from "dexie";
import { describe, expect, it } from "vitest";

import { encodeDocument } from "../../src/bson/codec.ts";
import { Binary, Decimal128, Double, Long, MaxKey, MinKey, ObjectId, Timestamp } from "../../src/bson/types.ts";
import { compareBson } from "../../src/query/compare.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import { DocumentStore } from "../../src/storage/document-store.ts";
import { documentKey, idRangeKeys } from "../../src/storage/keys.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

const NS = "db.coll";
const TWO_53 = 2 ** 53;
const long = (n: bigint) => Long.fromBigInt(n);

/** Groups of equal `_id`s, in MongoDB's ascending order. */
const ORDERED: unknown[][] = [
  [new MinKey()],
  [null],
  [Number.NaN, Decimal128.fromString("NaN")],
  [-Infinity],
  [-1e300],
  [long(-(2n ** 63n))],
  [-5.5, Decimal128.fromString("-5.5")],
  [-1, long(-1n), new Double(-1)],
  [0, -0, long(0n), new Double(0), Decimal128.fromString("0")],
  [Number.MIN_VALUE],
  [0.5, Decimal128.fromString("0.5")],
  [1, long(1n)],
  [9],
  [10],
  [2147483648, long(2147483648n)],
  [TWO_53, long(2n ** 53n), new Double(TWO_53)],
  [long(2n ** 53n + 1n)],
  [TWO_53 + 2, long(2n ** 53n + 2n)],
  [long(2n ** 53n + 3n)],
  [TWO_53 + 4],
  [long(2n ** 63n - 1n)],
  [Infinity],
  [""],
  ["A"],
  ["a"],
  ["a\u0000"],
  ["ab"],
  ["b"],
  [new Binary(new Uint8Array([9, 9]))],
  [new Binary(new Uint8Array([1, 2, 3]))],
  [new Binary(new Uint8Array([1, 2, 3]), 4)],
  [new ObjectId("000000000000000000000000")],
  [new ObjectId("64a000000000000000000009")],
  [new ObjectId("64a00000000000000000000a")],
  [new ObjectId("ffffffffffffffffffffffff")],
  [false],
  [true],
  [new Date(-86_400_000)],
  [new Date(0)],
  [new Date(1_700_000_000_000)],
  [new Timestamp({ t: 1, i: 5 })],
  [new Timestamp({ t: 2, i: 0 })],
  [new MaxKey()],
];

describe("documentKey", () => {
  const keys = ORDERED.map((group) => group.map((id) => documentKey(NS, id)));

  it.each(ORDERED.map((group, i) => [String(group[0]), i] as const))("gives equal _ids one key: %s", (_name, i) => {
    expect(new Set(keys[i]).size).toBe(1);
  });

  it("orders keys as MongoDB orders the _ids", () => {
    for (let i = 1; i < keys.length; i++) expect(keys[i - 1][0] < keys[i][0], `${String(ORDERED[i - 1][0])} < ${String(ORDERED[i][0])}`).toBe(true);
  });

  it("agrees with the query layer's comparison of the same values", () => {
    // The query layer sees Longs as doubles; beyond 2^53 only the key tells them apart.
    const values = ORDERED.flat().filter((v) => !(v instanceof Long && !Number.isSafeInteger(v.toNumber())));
    const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    for (const a of values) {
      for (const b of values) {
        expect(order(documentKey(NS, a), documentKey(NS, b)), `${String(a)} vs ${String(b)}`).toBe(Math.sign(compareBson(a, b)));
      }
    }
  });

  it("keeps namespaces apart", () => {
    expect(documentKey("a.b", 1) < documentKey("a.b", "z")).toBe(true);
    expect(documentKey("a.b", new MaxKey()) < documentKey("a.b.c", new MinKey())).toBe(true);
  });
});

describe("idRangeKeys", () => {
  const within = (key: string, [lower, upper]: [string, string]) => key >= lower && key <= upper;

  it.each<[string, unknown, unknown, unknown[], unknown[]]>([
    ["a closed number range", 2, 5, [2, long(3n), 4.5, 5, new Double(5)], [1, 6, "3", new Date(3)]],
    ["an open upper end stays with numbers", 2, undefined, [2, Infinity, long(2n ** 62n)], [1, "a", new MaxKey()]],
    ["an open lower end stays with numbers", undefined, 0, [-Infinity, Number.NaN, 0], [0.1, null, new MinKey()]],
    ["a Long bound beyond 2^53", long(2n ** 53n + 3n), undefined, [long(2n ** 53n + 3n), TWO_53 + 4], [TWO_53 + 2]],
    ["strings", "b", "d", ["b", "c", "czz", "d"], ["a", "e", 3]],
    ["ObjectIds", new ObjectId("64a000000000000000000002"), new ObjectId("64a000000000000000000004"), [new ObjectId("64a000000000000000000003")], [new ObjectId("64a000000000000000000005")]],
    ["dates", new Date(0), new Date(10), [new Date(0), new Date(5), new Date(10)], [new Date(-1), new Date(11), 5]],
  ])("%s covers the values between its bounds and only those", (_name, lower, upper, inside, outside) => {
    const bounds = idRangeKeys(NS, lower, upper)!;
    for (const id of inside) expect(within(documentKey(NS, id), bounds), `${String(id)} inside`).toBe(true);
    for (const id of outside) expect(within(documentKey(NS, id), bounds), `${String(id)} outside`).toBe(false);
  });

  it.each<[string, unknown]>([
    ["a document", { a: 1 }],
    ["an array", [1]],
    ["a regex", /a/],
    ["null", null],
  ])("refuses a bound that is %s", (_name, bound) => {
    expect(idRangeKeys(NS, bound, undefined)).toBeUndefined();
  });
});

describe("the key format upgrade", () => {
  it("rewrites the primary keys of a version 1 database, and the documents read back in _id order", async () => {
    const deps = freshIndexedDB();
    const old = new Dexie("upgrade-test", { ...deps, cache: "disabled" });
    old.version(1).stores({ docs: "key, *ix", meta: "key", users: "id, email", sessions: "id, userId", log: "++seq, time, type" });
    // Version 1 keys: the JSON of [rank, value], which sorts 10 before 9.
    const v1 = (id: number) => ({ key: `t.c\u0000${JSON.stringify([3, id])}`, ns: "t.c", doc: encodeDocument({ _id: id, n: id }), ix: [["t.c", "n", 3, id]] });
    await old.table("docs").bulkAdd([v1(10), v1(9), v1(100)]);
    old.close();

    const db = new SandboxDatabase("upgrade-test", deps);
    const store = new DocumentStore(db, fakeClock().now);
    expect((await store.scan("t.c")).map((d) => d._id)).toEqual([9, 10, 100]);
    expect(await store.get("t.c", 10)).toEqual({ _id: 10, n: 10 });
    expect((await db.docs.where("ix").equals(["t.c", "n", 3, 9]).toArray()).map((r) => r.key)).toEqual([documentKey("t.c", 9)]);
    db.close();
  });
});

import { describe, expect, it } from "vitest";

import type { DocumentRecord } from "../../src/storage/database.ts";
import { RecordCache } from "../../src/storage/record-cache.ts";

const record = (key: string, bytes = 10): DocumentRecord => ({ key, ns: "db.c", doc: new Uint8Array(bytes), ix: [] });

describe("RecordCache", () => {
  it("keeps what a read found, and what it did not find", () => {
    const cache = new RecordCache();
    const version = cache.version("db.c");
    cache.keepRecords("db.c", version, ["a", "b"], [record("a"), undefined]);
    expect(cache.record("db.c", "a")?.key).toBe("a");
    expect(cache.record("db.c", "b")).toBeNull();
    expect(cache.record("db.c", "c")).toBeUndefined();
  });

  it("drops a read that a write overtook, and what was kept before the write", () => {
    const cache = new RecordCache();
    cache.keepRecords("db.c", cache.version("db.c"), ["a"], [record("a")]);
    const before = cache.version("db.c");
    cache.invalidate("db.c");
    cache.keepRecords("db.c", before, ["b"], [record("b")]);
    expect(cache.record("db.c", "a")).toBeUndefined();
    expect(cache.record("db.c", "b")).toBeUndefined();
    // Another namespace's write changes nothing here.
    const now = cache.version("db.c");
    cache.invalidate("db.other");
    cache.keepLookup("db.c", now, '["db.c","f",2,"x"]', [record("x")]);
    expect(cache.lookup("db.c", '["db.c","f",2,"x"]')?.map((r) => r.key)).toEqual(["x"]);
    expect(cache.record("db.c", "x")?.key).toBe("x");
  });

  it("drops reads of every namespace on clear, even one that had nothing kept yet", () => {
    const cache = new RecordCache();
    const version = cache.version("db.fresh");
    cache.clear();
    cache.keepAll("db.fresh", version, [record("a")]);
    expect(cache.prefix("db.fresh")).toBeUndefined();
  });

  it("grows a prefix in key order only from where it ended, and knows when it is whole", () => {
    const cache = new RecordCache();
    const version = cache.version("db.c");
    cache.keepPrefix("db.c", version, undefined, [record("a"), record("b")], false);
    // A page read after another key does not continue this prefix.
    cache.keepPrefix("db.c", version, "x", [record("y")], true);
    expect(cache.prefix("db.c")).toEqual({ records: [record("a"), record("b")], complete: false });
    cache.keepPrefix("db.c", version, "b", [record("c")], true);
    expect(cache.prefix("db.c")?.records.map((r) => r.key)).toEqual(["a", "b", "c"]);
    expect(cache.prefix("db.c")?.complete).toBe(true);
  });

  it("starts again empty when it holds more bytes than allowed", () => {
    const cache = new RecordCache(400);
    cache.keepRecords("db.c", cache.version("db.c"), ["a", "b"], [record("a", 60), record("b", 30)]);
    expect(cache.record("db.c", "a")).toBeDefined();
    cache.keepRecords("db.c", cache.version("db.c"), ["c"], [record("c", 200)]);
    expect(cache.record("db.c", "a")).toBeUndefined();
    expect(cache.prefix("db.c")).toBeUndefined();
  });

  it("counts keys found absent too, so asking for missing ones cannot grow it without end", () => {
    const cache = new RecordCache(300);
    const keys = ["a", "b", "c", "d"];
    cache.keepRecords("db.c", cache.version("db.c"), keys, keys.map(() => undefined));
    expect(cache.record("db.c", "a")).toBeNull();
    cache.keepRecords("db.c", cache.version("db.c"), ["e"], [undefined]);
    expect(cache.record("db.c", "a")).toBeUndefined();
  });
});

describe("RecordCache with a whole namespace", () => {
  it("answers index lookups from the records' index entries, and none for a key no record has", () => {
    const cache = new RecordCache();
    const a = { ...record("a"), ix: [["db.c", "owner", 2, "ada"]] };
    const b = { ...record("b"), ix: [["db.c", "owner", 2, "bob"], ["db.c", "tags", 2, "x"]] };
    const c = { ...record("c"), ix: [["db.c", "owner", 2, "ada"]] };
    cache.keepAll("db.c", cache.version("db.c"), [a, b, c]);
    expect(cache.lookup("db.c", JSON.stringify(["db.c", "owner", 2, "ada"]))?.map((r) => r.key)).toEqual(["a", "c"]);
    expect(cache.lookup("db.c", JSON.stringify(["db.c", "tags", 2, "x"]))?.map((r) => r.key)).toEqual(["b"]);
    expect(cache.lookup("db.c", JSON.stringify(["db.c", "owner", 2, "eve"]))).toEqual([]);
    expect(cache.lookup("db.other", JSON.stringify(["db.other", "owner", 2, "eve"]))).toBeUndefined();
  });
});

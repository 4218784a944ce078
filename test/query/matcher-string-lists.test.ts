import { describe, expect, it } from "vitest";

import { BSONSymbol } from "bson";

import { ObjectId } from "../../src/bson/types.ts";
import { compileFilter } from "../../src/query/matcher.ts";

describe("a field tested against a list of strings", () => {
  const list = ["user-1", "user-2", ""];
  const quick = compileFilter({ owner: { $in: list } });
  // The same condition under $and takes the general path: the answers must agree.
  const general = compileFilter({ $and: [{ owner: { $in: list } }] });
  const docs = [
    { _id: 1, owner: "user-1" },
    { _id: 2, owner: "user-3" },
    { _id: 3, owner: "" },
    { _id: 4 },
    { _id: 5, owner: null },
    { _id: 6, owner: ["user-9", "user-2"] },
    { _id: 7, owner: ["user-9"] },
    { _id: 8, owner: 1 },
    { _id: 9, owner: new BSONSymbol("user-1") },
    { _id: 10, owner: { id: "user-1" } },
    { _id: 11, owner: new ObjectId() },
    { _id: 12, owner: [["user-1"]] },
  ];

  it.each(docs)("agrees with the general comparison on %j", (doc) => {
    expect(quick(doc)).toBe(general(doc));
  });

  it("matches by exact string", () => {
    expect(docs.filter(quick).map((d) => d._id)).toEqual(expect.arrayContaining([1, 3, 6]));
    expect(docs.filter(quick).map((d) => d._id)).not.toContain(2);
  });
});

import { describe, expect, it } from "vitest";

import type { RulesConfig } from "../../src/config/types.ts";
import type { Document } from "../../src/bson/types.ts";
import type { MongoCollection } from "../../src/services/mongodb-atlas/collection.ts";
import { openService } from "../fuzz/rules/harness.ts";
import { USERS } from "../fuzz/rules/model.ts";

/*
 * Differences `npm run fuzz` found between the service and the model of the role
 * semantics, each kept as the smallest case that shows it.
 */

const HIDDEN_A: RulesConfig = {
  roles: [{ name: "all but a", apply_when: {}, fields: { a: { read: false } }, additional_fields: { read: true } }],
  filters: [],
};

const DOCS: Document[] = [
  { _id: 1, a: 3, n: "x" },
  { _id: 2, a: 1, n: "y" },
  { _id: 3, a: 2, n: "z" },
];

describe("cases the rules fuzz found", () => {
  it.each<[string, RulesConfig, (c: MongoCollection) => Promise<unknown>, unknown]>([
    [
      // find sorted the documents as the caller sees them, so an unreadable sort key counted as missing.
      "find sorts by the stored value of a field the caller cannot read, as findOneAndUpdate does",
      HIDDEN_A,
      (c) => c.find({}, undefined, { sort: { a: 1 }, limit: 2 }),
      [{ _id: 2, n: "y" }, { _id: 3, n: "z" }],
    ],
    ["the same, descending", HIDDEN_A, (c) => c.find({}, undefined, { sort: { a: -1 } }), [{ _id: 1, n: "x" }, { _id: 3, n: "z" }, { _id: 2, n: "y" }]],
  ])("%s", async (_name, rules, run, expected) => {
    const service = openService();
    service.setRules(rules);
    await service.collection("docs").insertMany(structuredClone(DOCS));
    expect(await run(service.collection("docs", USERS[0]))).toEqual(expected);
  });
});

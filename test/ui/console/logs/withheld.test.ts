import { describe, expect, it } from "vitest";

import { idLabel, splitNamespace, withheldOf } from "../../../../src/ui/console/logs/withheld.ts";

describe("what a log entry says the rules withheld", () => {
  it("reads the summaries written, and nothing from other shapes", () => {
    const summary = { namespace: "tracker.tasks", documents: 2, documentIds: [{ $numberInt: "1" }], fieldsHidden: 0, fieldsHiddenIds: [] };
    expect(withheldOf({ withheld: [summary, { namespace: 5 }] })).toEqual([summary]);
    expect(withheldOf({ withheld: "x" })).toEqual([]);
    expect(withheldOf(undefined)).toEqual([]);
  });

  it("names ids as the shell prints them, and splits a namespace at its first dot", () => {
    expect(idLabel({ $oid: "5f1c0000000000000000000a" })).toBe('ObjectId("5f1c0000000000000000000a")');
    expect(idLabel({ $numberInt: "7" })).toBe("7");
    expect(idLabel({ $numberLong: "9007199254740993" })).toBe("9007199254740993");
    expect(idLabel("abc")).toBe('"abc"');
    expect(idLabel({ a: 1 })).toBe('{"a":1}');
    expect(splitNamespace("tracker.tasks.archive")).toEqual({ database: "tracker", collection: "tasks.archive" });
  });
});

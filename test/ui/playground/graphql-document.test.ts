import { parse, print } from "graphql";
import { describe, expect, it } from "vitest";

import { describeDocument, operationAt, prettify } from "../../../src/ui/playground/graphql-document.ts";

const TWO = `query Mine { tasks { name } }
mutation Add { insertOneTask(data: {name: "x", status: "Open", _partition: "p"}) { _id } }`;

describe("describeDocument", () => {
  it("lists the operations with their kind and place", () => {
    const info = describeDocument(TWO);
    expect(info.operations.map((op) => [op.name, op.kind])).toEqual([
      ["Mine", "query"],
      ["Add", "mutation"],
    ]);
    expect(TWO.slice(info.operations[1].start, info.operations[1].start + 12)).toBe("mutation Add");
  });

  it("gives a syntax error with its line and column", () => {
    const info = describeDocument("query {\n  tasks {\n    name\n");
    expect(info.operations).toEqual([]);
    expect(info.syntaxError).toMatchObject({ line: 4, column: 1 });
  });

  it("finds the operation the cursor is in", () => {
    const { operations } = describeDocument(TWO);
    expect(operationAt(operations, 3)?.name).toBe("Mine");
    expect(operationAt(operations, TWO.indexOf("insertOneTask"))?.name).toBe("Add");
    expect(operationAt(operations, TWO.length)?.name).toBe("Add");
  });
});

describe("prettify", () => {
  const cases: [string, string][] = [
    ["a query with arguments and variables", 'query Q($s: String = "Open") { tasks(query: {status: $s}, limit: 5) { name _id assignee { name } } }'],
    ["an anonymous query", "{ tasks { name } }"],
    ["fragments and directives", "query { tasks { ...F @include(if: true) } } fragment F on Task { name }"],
  ];
  it.each(cases)("prints %s as graphql-js does when there are no comments", (_name, text) => {
    expect(prettify(text)).toEqual({ text: print(parse(text)), droppedComments: false });
  });

  it("keeps comments on their own lines and at the end of lines", () => {
    const text = "# mine\nquery Mine { tasks { # the list\nname # its name\n_id } }\n# the end";
    const { text: out, droppedComments } = prettify(text);
    expect(droppedComments).toBe(false);
    expect(out).toBe("# mine\nquery Mine {\n  tasks { # the list\n    name # its name\n    _id\n  }\n}\n# the end");
    // Still the same document.
    expect(print(parse(out))).toBe(print(parse(text)));
  });

  it("keeps a comment that stood before an argument", () => {
    const text = "query { tasks(\n# at most five\nlimit: 5) { name } }";
    const { text: out } = prettify(text);
    expect(out).toContain("# at most five");
    expect(print(parse(out))).toBe(print(parse(text)));
  });

  it("throws the syntax error of a document that does not parse", () => {
    expect(() => prettify("query {")).toThrow(/Syntax Error/);
  });
});

import { describe, expect, it } from "vitest";

import { FrontMatterError, parseFrontMatter, splitFrontMatter } from "../../src/tutorial/front-matter.ts";

describe("step front matter", () => {
  it("splits the front matter from the prose", () => {
    expect(splitFrontMatter("---\ntitle: A\n---\n\nProse.\n")).toEqual({ frontMatter: "title: A\n", body: "Prose.\n" });
    expect(splitFrontMatter("No front matter.")).toEqual({ frontMatter: undefined, body: "No front matter." });
    expect(splitFrontMatter("---\r\ntitle: A\r\n---\r\nProse.")).toEqual({ frontMatter: "title: A\n", body: "Prose." });
  });

  it.each([
    ["plain and quoted scalars", 'a: text with: colon\nb: "#/schema"\nc: \'it\'\'s\'\nd: true\ne: 12\nf: []\ng: "{}"', { a: "text with: colon", b: "#/schema", c: "it's", d: true, e: 12, f: [], g: "{}" }],
    ["a list of scalars", "hints:\n  - one\n  - two", { hints: ["one", "two"] }],
    ["a list at the key's indent", "hints:\n- one\n- two\nnext: x", { hints: ["one", "two"], next: "x" }],
    [
      "a list of maps with a nested map",
      "controls:\n  - name: Add\n    role: button\n    within:\n      role: form\n      name: Add a collection\n  - name: Save\n    role: button",
      { controls: [{ name: "Add", role: "button", within: { role: "form", name: "Add a collection" } }, { name: "Save", role: "button" }] },
    ],
    ["a literal block", "values:\n  - label: Schema\n    text: |\n      {\n        \"a\": 1\n      }\n  - label: B\n    text: b", { values: [{ label: "Schema", text: '{\n  "a": 1\n}\n' }, { label: "B", text: "b" }] }],
    ["comments and blank lines", "# a comment\n\ntitle: A\n\n# another\nroute: \"#/\"", { title: "A", route: "#/" }],
    ["an empty key", "values:\ntitle: A", { values: null, title: "A" }],
  ])("reads %s", (_name, source, expected) => {
    expect(parseFrontMatter(source)).toEqual(expected);
  });

  it.each([
    ["a duplicate key", "a: 1\na: 2", /line 2: the key "a" appears twice/],
    ["a line that is not a key", "a: 1\njust text", /line 2: expected "key: value"/],
    ["an unclosed quote", 'a: "open', /line 1: the quoted text/],
    ["a flow collection", "a: [1, 2]", /line 1: flow collections are not read/],
    ["stray indentation", "a: 1\n    b: 2", /unexpected indentation/],
  ])("refuses %s with its line", (_name, source, message) => {
    expect(() => parseFrontMatter(source)).toThrow(FrontMatterError);
    expect(() => parseFrontMatter(source)).toThrow(message);
  });
});

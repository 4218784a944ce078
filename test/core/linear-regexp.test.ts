import { describe, expect, it } from "vitest";

import { LinearRegExp, RegexSyntaxError } from "../../src/core/linear-regexp.ts";

describe("LinearRegExp", () => {
  it.each<[string, string, string, boolean]>([
    ["^ab", "", "abc", true],
    ["^AB", "i", "abc", true],
    ["^b", "", "a\nb", false],
    ["^b", "m", "a\nb", true],
    ["a.b", "", "a\nb", false],
    ["a.b", "s", "a\nb", true],
    // x: whitespace and #-comments go, except inside classes and when escaped
    ["a b # a comment\n c", "x", "abc", true],
    ["a[ #]b", "x", "a b", true],
    ["a[ #]b", "x", "a#b", true],
    ["a\\ b", "x", "a b", true],
    ["a\\ b", "x", "ab", false],
    ["[[:alpha:] ]+$", "x", "a b", true],
    ["\\Q a.b \\E", "x", " a.b ", true],
    ["a(?#a comment)b", "", "ab", true],
    ["(?i)straße", "", "STRAßE", true],
    ["(?<=a)b", "", "ab", true],
    ["(?<!a)b", "", "ab", false],
    ["(?P<first>\\w+) (?<last>\\w+)", "", "Ada Lovelace", true],
    ["^.$", "", "😀", true],
    ["\\d", "", "٣", false],
  ])("/%s/%s on %j is %s", (pattern, options, input, expected) => {
    expect(new LinearRegExp(pattern, options).test(input)).toBe(expected);
  });

  it.each([
    ["^(a+)+$", "a".repeat(28) + "!"],
    ["^(a|aa)+$", "a".repeat(40) + "!"],
    ["(x+x+)+y", "x".repeat(40)],
    ["^(\\w+\\s?)*$", "an ordinary sentence that ends badly!".repeat(3)],
  ])("matches %s in linear time", (pattern, input) => {
    const start = performance.now();
    expect(new LinearRegExp(pattern).test(input)).toBe(false);
    // A backtracking engine takes seconds to hours on these inputs.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it.each([
    ["(a)\\1", /^backreferences are not supported: /],
    ["a(?=b)", /^lookahead assertions are not supported: /],
    ["a(?!b)", /^lookahead assertions are not supported: /],
    ["(?>a+)b", /^atomic groups and possessive quantifiers are not supported: /],
    ["a++b", /^atomic groups and possessive quantifiers are not supported: /],
    ["(?<=(a))b", /lookbehind/],
    ["a(b", /missing closing \)/],
  ])("refuses %s when first used", (pattern, reason) => {
    const regex = new LinearRegExp(pattern);
    expect(() => regex.test("ab")).toThrow(RegexSyntaxError);
    expect(() => regex.check()).toThrow(reason);
  });

  it("refuses an option MongoDB does not know", () => {
    expect(() => new LinearRegExp("a", "iz").check()).toThrow("invalid flag in regex options: z");
  });

  it("is a RegExp whose source and flags are the MongoDB pattern and options", () => {
    const regex = new LinearRegExp("a b", "xi");
    expect(regex).toBeInstanceOf(RegExp);
    expect([regex.source, regex.flags, String(regex)]).toEqual(["a b", "ix", "/a b/ix"]);
    expect([regex.ignoreCase, regex.multiline, regex.dotAll, regex.global]).toEqual([true, false, false, false]);
    expect(regex.exec("xAb")).toMatchObject({ 0: "Ab", index: 1 });
    expect("xAb".replace(regex, "-")).toBe("x-");
  });

  it("fails closed where the native part is copied", () => {
    // mingo copies RegExps with `new RegExp(r)`; the copy must never run the pattern natively.
    expect(new RegExp(new LinearRegExp("a")).test("a")).toBe(false);
  });
});

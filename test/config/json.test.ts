import { describe, expect, it } from "vitest";
import { formatJson, parseJsonText } from "../../src/config/index.ts";

describe("formatJson", () => {
  it("indents with four spaces and ends with a newline", () => {
    expect(formatJson({ a: [1, { b: true }], c: {} })).toBe('{\n    "a": [\n        1,\n        {\n            "b": true\n        }\n    ],\n    "c": {}\n}\n');
    expect(formatJson([])).toBe("[]\n");
  });
});

describe("parseJsonText", () => {
  it.each([
    ['{"a": 1}', { ok: true, value: { a: 1 } }],
    ['\ufeff{"a": 1}', { ok: true, value: { a: 1 } }],
  ])("parses %j", (text, expected) => {
    expect(parseJsonText(text)).toEqual(expected);
  });

  it.each([
    ["", "invalid JSON: the file is empty"],
    ['{\n  "a": 1,\n}', "invalid JSON at line 3, column 1: trailing comma before }"],
    ['{\n  "a": tru\n}', 'invalid JSON at line 2, column 8: expected a value, found "tru"'],
    ['{"a": ', "invalid JSON at line 1, column 7: unexpected end of input"],
    ["{a: 1}", 'invalid JSON at line 1, column 2: expected a double-quoted property name, unexpected character "a"'],
    ['{"a" 1}', 'invalid JSON at line 1, column 6: expected ":" after the property name, unexpected character "1"'],
    ['[1, 2,]', "invalid JSON at line 1, column 7: trailing comma before ]"],
    ['[1 2]', 'invalid JSON at line 1, column 4: expected "," or "]", unexpected character "2"'],
    ['{"a": "x\ny"}', "invalid JSON at line 1, column 9: control character in a string (escape it, e.g. \\n)"],
    ['{"a": "\\q"}', "invalid JSON at line 1, column 8: invalid escape in a string"],
    ['{"a": "x', "invalid JSON at line 1, column 9: unterminated string"],
    ['{"a": 01}', 'invalid JSON at line 1, column 8: expected "," or "}", unexpected character "1"'],
    ['{"a": -}', "invalid JSON at line 1, column 7: invalid number"],
    ['{} {}', "invalid JSON at line 1, column 4: unexpected text after the JSON value"],
    ["{'a': 1}", `invalid JSON at line 1, column 2: expected a double-quoted property name, unexpected character "'"`],
  ])("reports %j", (text, message) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(message);
  });
});

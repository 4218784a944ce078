import { describe, expect, it } from "vitest";

import {
  type ExpressionBindings,
  type JsonSchema,
  type ValidateOptions,
  validateDocument,
} from "../../src/schema/index.ts";
import { expectIssues } from "./support.ts";

const immutableOwner = { "%or": [{ "%%prev": { "%exists": false } }, { "%%prev": "%%this" }] };

interface Call {
  expression: unknown;
  bindings: ExpressionBindings;
}

/** A hook that records its calls and answers from a function of the bindings. */
function recorder(answer: (b: ExpressionBindings, expression: unknown) => boolean = () => true) {
  const calls: Call[] = [];
  const evaluateExpression: ValidateOptions["evaluateExpression"] = (expression, bindings) => {
    calls.push({ expression, bindings });
    return answer(bindings, expression);
  };
  return { calls, evaluateExpression };
}

const schema: JsonSchema = {
  bsonType: "object",
  validate: { root: true },
  properties: {
    owner_id: { bsonType: "string", validate: immutableOwner },
    items: { bsonType: "array", items: { bsonType: "object", properties: { qty: { bsonType: "int", validate: { qty: true } } } } },
  },
};

describe("validate keyword", () => {
  it("is skipped without a hook", () => {
    expect(validateDocument(schema, { owner_id: "a" })).toEqual([]);
  });

  it("receives this/prev/root/prevRoot on insert (no previous document)", () => {
    const hook = recorder();
    const doc = { owner_id: "a" };
    expect(validateDocument(schema, doc, { evaluateExpression: hook.evaluateExpression })).toEqual([]);
    expect(hook.calls).toEqual([
      { expression: immutableOwner, bindings: { this: "a", prev: undefined, root: doc, prevRoot: undefined } },
      { expression: { root: true }, bindings: { this: doc, prev: undefined, root: doc, prevRoot: undefined } },
    ]);
    expect(hook.calls[0].bindings.root).toBe(doc);
  });

  it("receives the previous value at the same path on update, through arrays", () => {
    const hook = recorder();
    const previous = { owner_id: "a", items: [{ qty: 1 }, { qty: 2 }] };
    const doc = { owner_id: "b", items: [{ qty: 5 }, { qty: 6 }, { qty: 7 }] };
    validateDocument(schema, doc, { evaluateExpression: hook.evaluateExpression, previous });
    const seen = hook.calls.map((call) => [call.bindings.this, call.bindings.prev]);
    expect(seen).toEqual([
      ["b", "a"],
      [5, 1],
      [6, 2],
      [7, undefined],
      [doc, previous],
    ]);
    for (const call of hook.calls) {
      expect(call.bindings.root).toBe(doc);
      expect(call.bindings.prevRoot).toBe(previous);
    }
  });

  it("gives prev undefined when the previous value at that path is not a container", () => {
    const hook = recorder();
    validateDocument(schema, { items: [{ qty: 1 }] }, { evaluateExpression: hook.evaluateExpression, previous: { items: "x" } });
    expect(hook.calls[0].bindings).toMatchObject({ this: 1, prev: undefined });
  });

  it("reports a false result at the node's path", () => {
    const hook = recorder((b, expression) => expression !== immutableOwner || b.prev === undefined || b.prev === b.this);
    const issues = validateDocument(schema, { owner_id: "mallory" }, { evaluateExpression: hook.evaluateExpression, previous: { owner_id: "ada" } });
    expectIssues(issues, [["owner_id", "validate", '"owner_id" does not satisfy its validate expression']]);
  });

  it("reports a failing root expression at the root", () => {
    const hook = recorder((_b, expression) => expression !== schema.validate);
    expectIssues(validateDocument(schema, {}, { evaluateExpression: hook.evaluateExpression }), [
      ["", "validate", "the document does not satisfy its validate expression"],
    ]);
  });

  it("turns a throwing expression into an issue", () => {
    const evaluateExpression = () => {
      throw new Error("function not found: 'isOwner'");
    };
    expectIssues(validateDocument(field(), { v: 1 }, { evaluateExpression }), [
      ["v", "validate", `"v" could not be checked by its validate expression: function not found: 'isOwner'`],
    ]);
  });

  it("is not called for missing fields or values of the wrong type", () => {
    const hook = recorder();
    const issues = validateDocument(schema, { owner_id: 7 }, { evaluateExpression: hook.evaluateExpression });
    expectIssues(issues, [["owner_id", "bsonType"]]);
    expect(hook.calls.map((call) => call.expression)).toEqual([{ root: true }]);
  });

  it("runs after the node's other rules", () => {
    const hook = recorder(() => false);
    const s: JsonSchema = { properties: { v: { bsonType: "string", minLength: 3, validate: {} } } };
    expectIssues(validateDocument(s, { v: "ab" }, { evaluateExpression: hook.evaluateExpression }), [
      ["v", "minLength"],
      ["v", "validate"],
    ]);
  });

  it("accepts a boolean expression", () => {
    const hook = recorder((_b, expression) => expression === true);
    const s: JsonSchema = { properties: { a: { validate: true }, b: { validate: false } } };
    expectIssues(validateDocument(s, { a: 1, b: 2 }, { evaluateExpression: hook.evaluateExpression }), [["b", "validate"]]);
  });
});

function field(): JsonSchema {
  return { properties: { v: { validate: { "%%this": { "%function": { name: "isOwner" } } } } } };
}

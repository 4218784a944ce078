import { describe, expect, it, vi } from "vitest";

import {
  ExpressionTrace,
  evaluateExpression,
  evaluateExpressionSync,
  expressionUsesFunction,
  validateExpression,
} from "../../../src/rules/expressions/index.ts";
import { ALICE, BOB, context, expectEvalError } from "./_context.ts";

const isAuthorized = { "%%true": { "%function": { name: "isAuthorizedUser", arguments: ["%%user.id"] } } };

function runner(answers: Record<string, (...args: unknown[]) => unknown>) {
  return vi.fn((name: string, args: unknown[]) => answers[name](...args));
}

describe("%function", () => {
  it("calls the function with expanded arguments (sync runner)", () => {
    const callFunction = runner({ isAuthorizedUser: (id) => id === ALICE });
    expect(evaluateExpressionSync(isAuthorized, context({ callFunction }))).toBe(true);
    expect(callFunction).toHaveBeenCalledWith("isAuthorizedUser", [ALICE]);
    expect(evaluateExpressionSync(isAuthorized, context({ callFunction, user: { id: BOB } }))).toBe(false);
  });

  it("awaits an async runner", async () => {
    const callFunction = runner({ isAuthorizedUser: async (id) => id === ALICE });
    expect(await evaluateExpression(isAuthorized, context({ callFunction }))).toBe(true);
    expect(await evaluateExpression(isAuthorized, context({ callFunction, user: { id: BOB } }))).toBe(false);
  });

  it("refuses to evaluate an async result synchronously", () => {
    const callFunction = runner({ isAuthorizedUser: async () => true });
    expect(() => evaluateExpressionSync(isAuthorized, context({ callFunction }))).toThrowError(
      /asynchronous %function result \("isAuthorizedUser"\); evaluate it with evaluateExpression/,
    );
  });

  const cases: [string, unknown, Record<string, (...args: unknown[]) => unknown>, boolean][] = [
    ["%%true requires exactly true", isAuthorized, { isAuthorizedUser: () => 1 }, false],
    ["%%false holds when the function returns false", { "%%false": { "%function": { name: "f" } } }, { f: () => false }, true],
    ["$function spelling", { "%%true": { $function: { name: "f", arguments: [] } } }, { f: () => true }, true],
    ["function result compared with a field", { owner_id: { "%function": { name: "owner" } } }, { owner: () => ALICE }, true],
    ["function result as an operator operand", { "%%user.id": { "%in": { "%function": { name: "admins" } } } }, { admins: () => [BOB] }, false],
    [
      "arguments with literals, documents and converters",
      { "%%true": { "%function": { name: "check", arguments: ["%%partition", 3, { by: "%%user.id" }, { "%stringToOid": "%%user.id" }] } } },
      { check: (p, n, doc, oid) => p === "project=alice" && n === 3 && (doc as { by: string }).by === ALICE && String(oid) === ALICE },
      true,
    ],
    ["inside %or, short-circuited", { "%or": [{ status: "Open" }, { "%%true": { "%function": { name: "boom" } } }] }, { boom: () => { throw new Error("not called"); } }, true],
    ["inside an embedded expression", { "%%true": { "%or": [{ "%%true": { "%function": { name: "f" } } }] } }, { f: () => true }, true],
  ];
  it.each(cases)("%s", async (_name, expr, answers, expected) => {
    expect(validateExpression(expr)).toEqual([]);
    expect(evaluateExpressionSync(expr, context({ callFunction: runner(answers) }))).toBe(expected);
    const asyncAnswers = Object.fromEntries(Object.entries(answers).map(([k, f]) => [k, async (...args: unknown[]) => f(...args)]));
    expect(await evaluateExpression(expr, context({ callFunction: runner(asyncAnswers) }))).toBe(expected);
  });

  it("gives every call its own argument array", () => {
    const seen: unknown[][] = [];
    const callFunction = (_name: string, args: unknown[]) => {
      seen.push(args);
      args.push("mutated");
      return true;
    };
    const expr = { "%%true": { "%function": { name: "f", arguments: ["a"] } } };
    evaluateExpressionSync(expr, { callFunction });
    evaluateExpressionSync(expr, { callFunction });
    expect(seen[1]).toEqual(["a", "mutated"]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("needs a function runner, naming the function", async () => {
    await expectEvalError(isAuthorized, context(), '%%true: %function "isAuthorizedUser" cannot run: no function runner is available here');
  });

  it("lets the function's own errors through", async () => {
    const failure = new Error("FunctionNotFound");
    const expr = { "%%true": { "%function": { name: "gone" } } };
    expect(() => evaluateExpressionSync(expr, context({ callFunction: () => { throw failure; } }))).toThrow(failure);
    await expect(evaluateExpression(expr, context({ callFunction: async () => { throw failure; } }))).rejects.toBe(failure);
  });

  it("records the failing piece in the trace before rethrowing", async () => {
    const trace = new ExpressionTrace();
    await expect(evaluateExpression({ status: "Open", "%%true": { "%function": { name: "bad" } } }, context({ callFunction: async () => { throw new Error("boom"); } }), trace)).rejects.toThrow("boom");
    expect(trace.entries[1]).toMatchObject({ key: "%%true", error: "boom", call: { name: "bad", arguments: [] } });
  });

  const invalid: [string, unknown, string][] = [
    ["no name", { "%%true": { "%function": { arguments: [] } } }, '%%true: %function needs {"name": "<function name>", "arguments": […]}, got {"arguments": []}'],
    ["a string operand", { "%%true": { "%function": "isAuthorizedUser" } }, "%%true: %function needs {\"name\""],
    ["arguments not an array", { "%%true": { "%function": { name: "f", arguments: "%%user.id" } } }, '%%true: %function "arguments" must be an array'],
    ["an unknown option", { "%%true": { "%function": { name: "f", args: [] } } }, '%%true: %function has no option "args"'],
    ["nested in arguments", { "%%true": { "%function": { name: "f", arguments: [{ "%function": { name: "g" } }] } } }, "%%true.%function.arguments[0]: %function must be the whole value"],
    ["nested in a literal array", { owner_id: { "%in": [{ "%function": { name: "g" } }] } }, "owner_id[0]: %function must be the whole value"],
    ["with sibling operators", { owner_id: { "%function": { name: "g" }, $ne: null } }, "owner_id: %function must be the only key of its object"],
  ];
  it.each(invalid)("rejects %s", (_name, expr, message) => {
    expect(validateExpression(expr).join("\n")).toContain(message);
  });
});

describe("expressionUsesFunction", () => {
  const cases: [unknown, boolean][] = [
    [true, false],
    [{}, false],
    [{ owner_id: "%%user.id" }, false],
    [isAuthorized, true],
    [{ "%or": [{ a: 1 }, { b: { $in: { $function: { name: "f" } } } }] }, true],
    [{ a: ["%function"] }, false],
  ];
  it.each(cases)("%j → %s", (expr, expected) => {
    expect(expressionUsesFunction(expr)).toBe(expected);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { asUser, openBackend, testUser, type TestBackend } from "./_setup.ts";

let backend: TestBackend;

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      thrower: { source: "exports = function () {\n  const reason = 'boom';\n  throw new Error(reason);\n};\n" },
      typeError: { source: "exports = function (x) {\n  return x.missing.deeper;\n};\n" },
      throwsString: { source: "exports = () => { throw 'plain text'; };" },
      throwsObject: { source: "exports = () => { throw { reason: 'object', n: 1 }; };" },
      notAFunction: { source: "exports = 42;" },
      moduleExports: { source: "module.exports = (a, b) => a + b;" },
      plainFunction: { source: "exports = function (a) { return a + 1; };" },
      rejection: { source: "exports = async function () {\n  Promise.reject(new Error('nobody awaited me'));\n  await new Promise((r) => setTimeout(r, 50));\n  return 'finished';\n};\n" },
      lateThrow: { source: "exports = async function () {\n  setTimeout(() => { throw new Error('from a timer'); }, 0);\n  await new Promise((r) => setTimeout(r, 50));\n  return 'finished';\n};\n" },
      secret: { source: "exports = () => 'private';", private: true },
      callsSecret: { source: "exports = () => context.functions.execute('secret');" },
      callsMissing: { source: "exports = () => context.functions.execute('nowhere');" },
      guarded: { source: "exports = (n) => n;", can_evaluate: { "%%args.0": { "%gt": 10 } } },
      emailOnly: { source: "exports = () => 'ok';", can_evaluate: { "%%user.data.email": "ada@example.com" } },
      hiddenArgs: { source: "exports = (password) => password.length;", disable_arg_logs: true },
      recursive: { source: "exports = (n) => context.functions.execute('recursive', n + 1);" },
    },
  });
});

afterAll(() => backend.close());

const call = (name: string, args: unknown[] = [], context = SYSTEM_CONTEXT, options = {}) => backend.runtime.call(name, args, context, options);
const lastEntry = async (name: string) => {
  const entries = await backend.app.log.query({ types: ["function"], text: `function ${name}` });
  return entries[0];
};

describe("function errors", () => {
  it("an unknown function is FunctionNotFound", async () => {
    await expect(call("nope")).rejects.toMatchObject({ code: "FunctionNotFound", message: "function not found: 'nope'", httpStatus: 404 });
  });

  it("a thrown Error is FunctionExecutionError with its message; the log has the line", async () => {
    await expect(call("thrower")).rejects.toMatchObject({ code: "FunctionExecutionError", message: "boom" });
    const entry = await lastEntry("thrower");
    expect(entry.status).toBe("error");
    expect(entry.details?.error).toMatchObject({ code: "FunctionExecutionError", message: "boom", line: 3 });
  });

  it("runtime errors keep their type in the message", async () => {
    await expect(call("typeError", [{}])).rejects.toMatchObject({
      code: "FunctionExecutionError",
      message: expect.stringMatching(/^TypeError: Cannot read properties of undefined/),
    });
    expect((await lastEntry("typeError")).details?.error).toMatchObject({ line: 2 });
  });

  it("thrown non-errors become their text", async () => {
    await expect(call("throwsString")).rejects.toThrow("plain text");
    await expect(call("throwsObject")).rejects.toThrow('{"reason":"object","n":1}');
  });

  // A deploy refuses sources that do not parse, so these come from test runs of draft code.
  it("a syntax error in draft code reports the message and the line", async () => {
    const run = (source: string) => backend.runtime.execute("plainFunction", [], { context: SYSTEM_CONTEXT, origin: "console", source });
    const syntax = await run("exports = function () {\n  const a = 1;\n  let b = ;\n  return a;\n};\n");
    expect(syntax.ok).toBe(false);
    expect(syntax.error).toMatchObject({
      code: "FunctionSyntaxError",
      message: "syntax error in function \"plainFunction\" at line 3: Unexpected token ';'",
    });
    const unclosed = await run("exports = function () {\n  if (true) {\n    return 1;\n};\n");
    expect(unclosed.error).toMatchObject({ code: "FunctionSyntaxError", message: expect.stringContaining("at line 4") });
  });

  it("a source that exports no function is FunctionInvalid; module.exports and plain functions work", async () => {
    await expect(call("notAFunction")).rejects.toMatchObject({ code: "FunctionInvalid" });
    expect(await call("moduleExports", [2, 3])).toBe(5);
    expect(await call("plainFunction", [1])).toBe(2);
  });

  it("an unhandled rejection fails the call with its message", async () => {
    await expect(call("rejection")).rejects.toMatchObject({
      code: "FunctionExecutionError",
      message: "unhandled promise rejection: nobody awaited me",
    });
  });

  it("an error thrown from a timer fails the call instead of the runner", async () => {
    await expect(call("lateThrow")).rejects.toThrow("from a timer");
    expect(await call("plainFunction", [1])).toBe(2);
  });

  it("private functions are refused to clients but run for other functions and the backend", async () => {
    await expect(call("secret", [], asUser(), { fromClient: true })).rejects.toMatchObject({
      code: "FunctionNotFound",
      message: "function not found: 'secret'",
    });
    expect(await call("secret", [], asUser())).toBe("private");
    expect(await call("callsSecret", [], asUser(), { fromClient: true })).toBe("private");
  });

  it("functions.execute of an unknown function fails the caller with FunctionNotFound's message", async () => {
    await expect(call("callsMissing")).rejects.toMatchObject({ code: "FunctionExecutionError", message: "function not found: 'nowhere'" });
  });

  it("can_evaluate admits or refuses user callers; the system is not checked", async () => {
    expect(await call("guarded", [11], asUser(), { fromClient: true })).toBe(11);
    await expect(call("guarded", [5], asUser(), { fromClient: true })).rejects.toMatchObject({
      code: "FunctionExecutionError",
      message: 'cannot execute function "guarded": its can_evaluate expression does not allow this call',
    });
    expect(await call("guarded", [5])).toBe(5);
    expect(await call("emailOnly", [], asUser(testUser("6000000000000000000000a1", "ada@example.com")))).toBe("ok");
    await expect(call("emailOnly", [], asUser(testUser("6000000000000000000000b2", "bob@example.com")))).rejects.toThrow("can_evaluate");
  });

  it("disable_arg_logs keeps arguments out of the log", async () => {
    expect(await call("hiddenArgs", ["hunter2"])).toBe(7);
    const entry = await lastEntry("hiddenArgs");
    expect(entry.details).toMatchObject({ argumentsHidden: true });
    expect(JSON.stringify(entry)).not.toContain("hunter2");
  });

  it("endless recursion through functions.execute stops at the nesting limit", async () => {
    await expect(call("recursive", [0])).rejects.toThrow(/nest deeper than 32 levels/);
  });
});

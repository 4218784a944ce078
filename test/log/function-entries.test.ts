import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import { asUser, openBackend, testUser, type TestBackend } from "../functions/_setup.ts";

let backend: TestBackend;

beforeAll(async () => {
  backend = await openBackend({
    functions: {
      greet: { source: "exports = (who, id) => { console.log('greeting', who); return { hello: who, id }; };" },
      fail: { source: "exports = () => {\n  throw new Error('nope');\n};" },
    },
  });
});

afterAll(() => backend.close());

describe("function calls in the log", () => {
  it("records arguments, console output, result, duration, caller and origin", async () => {
    const ada = testUser();
    const id = new ObjectId("5f1b2c3d4e5f60718293a4b5");
    await backend.runtime.call("greet", ["ada", id], asUser(ada), { fromClient: true });
    const [entry] = await backend.app.log.query({ types: ["function"], userId: ada.id });
    expect(entry).toMatchObject({ type: "function", status: "ok", summary: "function greet", userId: ada.id, durationMs: expect.any(Number) });
    expect(entry.details).toEqual({
      function: "greet",
      origin: "client",
      runAsSystem: false,
      arguments: ["ada", { $oid: "5f1b2c3d4e5f60718293a4b5" }],
      logs: [{ level: "log", text: "greeting ada" }],
      result: { hello: "ada", id: { $oid: "5f1b2c3d4e5f60718293a4b5" } },
    });
  });

  it("records failures with the error code, message and line", async () => {
    await expect(backend.runtime.call("fail", [], asUser(), { fromClient: true })).rejects.toThrow("nope");
    const [entry] = await backend.app.log.query({ types: ["function"], status: "error" });
    expect(entry.summary).toBe("function fail: nope");
    expect(entry.details?.error).toMatchObject({ code: "FunctionExecutionError", message: "nope", line: 2 });
  });
});

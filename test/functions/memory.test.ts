import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { nodeWorkerTransport } from "../../src/functions/index.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { openBackend, type TestBackend } from "./_setup.ts";

/**
 * Buffers live outside the JavaScript heap, so the worker's heap limit does not bound
 * them: every way function code can allocate one is counted against the limit. The
 * runner here has a 64 MB limit to keep the test light; the default is App Services'
 * 256 MB.
 */
const MB = 1024 * 1024;
const LIMIT_MB = 64;
const LIMIT_MESSAGE = "execution memory limit exceeded";

let backend: TestBackend;

const HOARDS: Record<string, string> = {
  // Each keeps 16 MB blocks until it has 1 GB, unless stopped first.
  arrayBuffers: "for (let i = 0; i < 64; i++) keep.push(new ArrayBuffer(16 * MB));",
  typedArrays: "for (let i = 0; i < 64; i++) keep.push(new Float64Array(2 * MB));",
  // Small ones are added up rather than followed one by one; they count all the same.
  smallTypedArrays: "for (let i = 0; i < 40000; i++) keep.push(new Uint8Array(4096));",
  // Refused from the length alone, before a single element is read.
  fromArrayLike: "keep.push(new Uint8Array({ length: 80 * MB }));",
  viaConstructor: "const U8 = new Uint8Array(1).constructor; for (let i = 0; i < 64; i++) keep.push(new U8(16 * MB));",
  viaBufferConstructor: "const AB = Object.getPrototypeOf(new ArrayBuffer(1)).constructor; for (let i = 0; i < 64; i++) keep.push(new AB(16 * MB));",
  viaSubclass: "class Mine extends Uint8Array {} for (let i = 0; i < 64; i++) keep.push(new Mine(16 * MB));",
  typedFrom: "keep.push(Int32Array.from({ length: 20 * MB }));",
  // Copies made by the default (intrinsic) constructor once `constructor` is hidden.
  typedSlice: "const a = new Uint8Array(16 * MB); Object.defineProperty(a, 'constructor', { value: undefined }); for (let i = 0; i < 64; i++) keep.push(a.slice());",
  typedMap: "const a = new Uint8Array(16 * MB); Object.defineProperty(a, 'constructor', { value: undefined }); for (let i = 0; i < 64; i++) keep.push(a.map((x) => x));",
  typedToReversed: "const a = new Uint8Array(16 * MB); for (let i = 0; i < 64; i++) keep.push(a.toReversed());",
  typedWith: "const a = new Uint8Array(16 * MB); for (let i = 0; i < 64; i++) keep.push(a.with(0, 1));",
  bufferSlice: "const b = new ArrayBuffer(16 * MB); Object.defineProperty(b, 'constructor', { value: undefined }); for (let i = 0; i < 64; i++) keep.push(b.slice(0));",
  resizable: "const b = new ArrayBuffer(1, { maxByteLength: 1024 * MB }); b.resize(1024 * MB); keep.push(b);",
  textEncoder: "const text = 'x'.repeat(16 * MB); const encoder = new TextEncoder(); for (let i = 0; i < 64; i++) keep.push(encoder.encode(text));",
  bsonSerialize: "const doc = { s: 'x'.repeat(4 * MB) }; for (let i = 0; i < 64; i++) keep.push(BSON.serialize(doc));",
};

beforeAll(async () => {
  const functions: Record<string, { source: string }> = {
    huge: { source: "exports = () => new ArrayBuffer(4 * 1024 ** 3).byteLength;" },
    hugeTyped: { source: "exports = () => new Float64Array(2 ** 29).length;" },
    caught: { source: `exports = () => { const MB = ${MB}; const keep = []; try { for (;;) keep.push(new ArrayBuffer(16 * MB)); } catch (error) { keep.length = 0; return 'caught: ' + error.message; } };` },
    withinLimit: { source: `exports = () => { const MB = ${MB}; const keep = []; for (let i = 0; i < 3; i++) keep.push(new Uint8Array(8 * MB)); return keep.length; };` },
    // 2 GB allocated over the call, 1 MB at a time, none of it kept.
    churn: { source: `exports = () => { const MB = ${MB}; let sum = 0; for (let i = 0; i < 2048; i++) { const b = new Uint8Array(MB); b[i] = 1; sum += b[i]; } return sum; };` },
    churnSmall: { source: "exports = () => { let sum = 0; for (let i = 0; i < 100000; i++) { const b = new Uint8Array(4096); b[0] = 1; sum += b[0]; } return sum; };" },
    churnAsync: { source: `exports = async () => { const MB = ${MB}; let sum = 0; for (let i = 0; i < 256; i++) { const b = new Uint8Array(MB); sum += b.length / MB; if (i % 16 === 0) await null; } return sum; };` },
    absent: { source: "exports = () => [typeof SharedArrayBuffer, typeof WebAssembly, typeof structuredClone, typeof Atomics];" },
    // Where the engine has no native transfer (Node 20), lockdown's stand-in refuses it.
    transfer: { source: `exports = () => { const MB = ${MB}; const keep = []; for (let i = 0; i < 64; i++) keep.push(new ArrayBuffer(1).transfer(16 * MB)); return keep.length; };` },
    quick: { source: "exports = () => 'alive';" },
  };
  for (const [name, hoard] of Object.entries(HOARDS)) {
    functions[name] = { source: `exports = () => { const MB = ${MB}; const keep = []; ${hoard} return keep.length; };` };
  }
  backend = await openBackend({ functions }, { runner: nodeWorkerTransport({ memoryLimitMb: LIMIT_MB }), timeoutMs: 20_000 });
});

afterAll(() => backend.close());

const call = (name: string) => backend.runtime.call(name, [], SYSTEM_CONTEXT);

describe("memory outside the heap is limited", () => {
  it("a 4 GB ArrayBuffer is refused with a clear error, and the runner carries on", async () => {
    await expect(call("huge")).rejects.toMatchObject({ code: "FunctionExecutionError", message: expect.stringContaining(LIMIT_MESSAGE) });
    await expect(call("hugeTyped")).rejects.toMatchObject({ message: expect.stringContaining(LIMIT_MESSAGE) });
    expect(await call("quick")).toBe("alive");
  });

  it.each(Object.keys(HOARDS))("buffers kept through %s stop at the limit", async (name) => {
    await expect(call(name)).rejects.toMatchObject({ code: "FunctionExecutionError", message: expect.stringContaining(LIMIT_MESSAGE) });
  });

  it("ArrayBuffer.prototype.transfer is refused past the limit, or not there", async () => {
    await expect(call("transfer")).rejects.toMatchObject({ message: expect.stringMatching(/execution memory limit exceeded|underlying platform lacks/) });
  });

  it("the log names the limit", async () => {
    const [entry] = await backend.app.log.query({ types: ["function"], status: "error", text: "function huge:" });
    expect(entry.details?.error).toMatchObject({ code: "FunctionExecutionError", message: expect.stringContaining(`${LIMIT_MB} MB`) });
  });

  it("a function that catches the error still fails: past the limit the call is over", async () => {
    await expect(call("caught")).rejects.toMatchObject({ message: expect.stringContaining(LIMIT_MESSAGE) });
  });

  it("buffers within the limit work, and so does allocating far more than the limit over time", async () => {
    expect(await call("withinLimit")).toBe(3);
    expect(await call("churn")).toBe(2048);
    expect(await call("churnSmall")).toBe(100000);
    expect(await call("churnAsync")).toBe(256);
  });

  it("shared memory, WebAssembly and structuredClone are not there to go around the count", async () => {
    expect(await call("absent")).toEqual(["undefined", "undefined", "undefined", "undefined"]);
  });

  it("the default limit is App Services' 256 MB", async () => {
    const fresh = await openBackend({
      functions: {
        big: { source: "exports = () => { const keep = []; for (let i = 0; i < 6; i++) keep.push(new ArrayBuffer(32 * 1024 * 1024)); return keep.length; };" },
        huge: { source: "exports = () => new ArrayBuffer(4 * 1024 ** 3).byteLength;" },
      },
    });
    try {
      expect(await fresh.runtime.call("big", [], SYSTEM_CONTEXT)).toBe(6);
      await expect(fresh.runtime.call("huge", [], SYSTEM_CONTEXT)).rejects.toMatchObject({ message: expect.stringContaining("256 MB") });
    } finally {
      await fresh.close();
    }
  });
});

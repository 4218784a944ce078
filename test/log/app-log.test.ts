import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ObjectId } from "../../src/bson/types.ts";
import { AppLog, type LogEntry } from "../../src/log/app-log.ts";
import { LOG_VALUE_LIMITS, toLogValue } from "../../src/log/log-value.ts";
import { SandboxDatabase } from "../../src/storage/database.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

let db: SandboxDatabase;
let clock: ReturnType<typeof fakeClock>;
let counter = 0;

beforeEach(async () => {
  db = new SandboxDatabase(`log-test-${++counter}`, freshIndexedDB());
  await db.open();
  clock = fakeClock();
});

afterEach(() => db.close());

async function seeded(limit?: number): Promise<AppLog> {
  const log = new AppLog(db, clock.now, limit);
  log.write({ type: "auth", status: "ok", summary: "login ada@example.com", userId: "ada" });
  clock.advance(1000);
  log.write({ type: "function", status: "error", summary: "function broken: boom", userId: "ada", durationMs: 3 });
  clock.advance(1000);
  log.write({ type: "request", status: "ok", summary: "POST /functions/call 200", userId: "bob" });
  clock.advance(1000);
  log.write({ type: "trigger", status: "ok", summary: "trigger onNewUser (CREATE local-userpass) → createNewUserDocument" });
  await log.flush();
  return log;
}

const summaries = (entries: LogEntry[]) => entries.map((e) => e.summary);

describe("the app log", () => {
  it("lists newest first with seq and time", async () => {
    const log = await seeded();
    const entries = await log.query();
    expect(entries.map((e) => e.type)).toEqual(["trigger", "request", "function", "auth"]);
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
    expect(entries[3].time).toBe(Date.UTC(2026, 0, 1));
  });

  it("filters by type, status, user, time, text and page", async () => {
    const log = await seeded();
    expect(summaries(await log.query({ types: ["auth", "trigger"] }))).toHaveLength(2);
    expect(summaries(await log.query({ status: "error" }))).toEqual(["function broken: boom"]);
    expect((await log.query({ userId: "ada" })).map((e) => e.type)).toEqual(["function", "auth"]);
    const start = Date.UTC(2026, 0, 1);
    expect((await log.query({ since: start + 1000, until: start + 2000 })).map((e) => e.type)).toEqual(["request", "function"]);
    expect(summaries(await log.query({ text: "ONNEWUSER" }))).toHaveLength(1);
    const [newest] = await log.query({ limit: 1 });
    expect((await log.query({ beforeSeq: newest.seq, limit: 1 })).map((e) => e.type)).toEqual(["request"]);
  });

  it("exports JSON", async () => {
    const log = await seeded();
    const exported = JSON.parse(await log.exportJson({ types: ["function"] }));
    expect(exported).toEqual([
      { seq: expect.any(Number), time: Date.UTC(2026, 0, 1) + 1000, type: "function", status: "error", summary: "function broken: boom", userId: "ada", durationMs: 3 },
    ]);
  });

  it("keeps a bounded number of entries, dropping the oldest", async () => {
    const log = new AppLog(db, clock.now, 10);
    for (let i = 0; i < 35; i++) log.write({ type: "system", status: "ok", summary: `entry ${i}` });
    await log.flush();
    const entries = await log.query();
    expect(entries.length).toBeLessThanOrEqual(10);
    expect(entries[0].summary).toBe("entry 34");
  });

  it("tells subscribers about each stored entry; a failing subscriber harms nothing", async () => {
    const log = new AppLog(db, clock.now);
    const seen: string[] = [];
    log.subscribe(() => {
      throw new Error("bad listener");
    });
    const stop = log.subscribe((entry) => seen.push(`${entry.seq}:${entry.summary}`));
    log.write({ type: "system", status: "ok", summary: "one" });
    await log.flush();
    stop();
    log.write({ type: "system", status: "ok", summary: "two" });
    await log.flush();
    expect(seen).toEqual([expect.stringMatching(/^\d+:one$/)]);
    expect(await log.query()).toHaveLength(2);
  });

  it("stores details as plain JSON: BSON values as Extended JSON, big values cut", async () => {
    const log = new AppLog(db, clock.now);
    const id = new ObjectId("5f1b2c3d4e5f60718293a4b5");
    log.write({
      type: "function",
      status: "ok",
      summary: "function f",
      details: { arguments: [id, new Date(0), "x".repeat(5000), Array.from({ length: 150 }, (_, i) => i)], fn: () => 1 },
    });
    const [entry] = await log.query();
    const [oid, date, long, list] = entry.details!.arguments as unknown[];
    expect(oid).toEqual({ $oid: "5f1b2c3d4e5f60718293a4b5" });
    expect(date).toEqual({ $date: "1970-01-01T00:00:00Z" });
    expect(long).toBe(`${"x".repeat(LOG_VALUE_LIMITS.string)}… (5000 characters)`);
    expect((list as unknown[]).length).toBe(LOG_VALUE_LIMITS.array + 1);
    expect(JSON.parse(await log.exportJson())).toHaveLength(1);
  });

  it("toLogValue never throws", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toLogValue(cyclic)).not.toThrow();
    expect(toLogValue(undefined)).toBeNull();
    expect(toLogValue(new Error("e"))).toEqual(expect.anything());
  });

  it("clear empties the log", async () => {
    const log = await seeded();
    await log.clear();
    expect(await log.query()).toEqual([]);
  });
});

describe("storing entries", () => {
  it("stores entries written over several tasks in one transaction", async () => {
    const log = new AppLog(db, clock.now);
    const batches: number[] = [];
    const bulkAdd = db.log.bulkAdd.bind(db.log);
    db.log.bulkAdd = ((records: unknown[], options: unknown) => {
      batches.push(records.length);
      return bulkAdd(records as never, options as never);
    }) as typeof db.log.bulkAdd;
    for (const summary of ["one", "two", "three"]) {
      log.write({ type: "request", status: "ok", summary });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect((await log.query()).map((entry) => entry.summary)).toEqual(["three", "two", "one"]);
    expect(batches).toEqual([3]);
  });
});

import { afterEach, describe, expect, it } from "vitest";

import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { newStorage, openBackend, type AppSpec, type TestBackend } from "../functions/_setup.ts";

const MINUTE = 60_000;

const recorder = {
  source: `exports = async function () {
  await context.services.get("mongodb-atlas").db("audit").collection("runs").insertOne({ at: new Date(), argc: arguments.length });
};`,
};

const scheduled = (name: string, schedule: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "SCHEDULED",
  config: { schedule },
  function_name: "record",
  disabled: false,
  ...extra,
});

const spec = (...triggers: Record<string, unknown>[]): AppSpec => ({ functions: { record: recorder }, triggers });

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const runs = async (b: TestBackend) => (await b.app.mongo(SYSTEM_CONTEXT).db("audit").collection("runs").find({}, { _id: 0 })) as { at: Date; argc: number }[];
/** To the second: within a call, time passes in real time from the app clock's reading. */
const iso = (d: Date) => d.toISOString().slice(0, 19);

describe("scheduled triggers", () => {
  it("fire by the app clock, once per due time, with no arguments", async () => {
    const b = (backend = await openBackend(spec(scheduled("everyMinute", "* * * * *"))));
    await b.triggers.tick();
    expect(await runs(b)).toEqual([]);
    b.clock.advance(MINUTE);
    await b.triggers.tick();
    b.clock.advance(MINUTE / 2);
    await b.triggers.tick();
    b.clock.advance(MINUTE / 2);
    await b.triggers.tick();
    await b.triggers.tick();
    expect((await runs(b)).map((r) => [iso(r.at), r.argc])).toEqual([
      ["2026-01-01T00:01:00", 0],
      ["2026-01-01T00:02:00", 0],
    ]);
  });

  it("runs missed between two checks fire once, then the schedule continues", async () => {
    const b = (backend = await openBackend(spec(scheduled("everyMinute", "* * * * *"))));
    b.clock.advance(10 * MINUTE + 5_000);
    await b.triggers.tick();
    expect((await runs(b)).length).toBe(1);
    b.clock.advance(55_000);
    await b.triggers.tick();
    expect((await runs(b)).map((r) => iso(r.at))).toEqual(["2026-01-01T00:10:05", "2026-01-01T00:11:00"]);
  });

  it("interprets the schedule in UTC and skips disabled triggers", async () => {
    const b = (backend = await openBackend(spec(scheduled("hourly", "30 * * * *"), scheduled("off", "* * * * *", { disabled: true }))));
    for (let i = 0; i < 90; i++) {
      b.clock.advance(MINUTE);
      await b.triggers.tick();
    }
    expect((await runs(b)).map((r) => iso(r.at))).toEqual(["2026-01-01T00:30:00", "2026-01-01T01:30:00"]);
  });

  it("runs missed while the app was closed are not replayed", async () => {
    const storage = newStorage();
    const first = await openBackend(spec(scheduled("everyMinute", "* * * * *")), { storage });
    storage.clock.advance(MINUTE);
    await first.triggers.tick();
    await first.close();
    storage.clock.advance(60 * MINUTE);
    const b = (backend = await openBackend({}, { storage }));
    await b.triggers.tick();
    expect((await runs(b)).length).toBe(1);
    storage.clock.advance(MINUTE);
    await b.triggers.tick();
    expect((await runs(b)).map((r) => iso(r.at))).toEqual(["2026-01-01T00:01:00", "2026-01-01T01:02:00"]);
  });

  it("a real timer watches the app clock while the app is open", async () => {
    const b = (backend = await openBackend(spec(scheduled("everyMinute", "* * * * *")), { triggers: { pollMs: 10 } }));
    b.clock.advance(MINUTE);
    for (let i = 0; i < 200 && (await runs(b)).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await b.triggers.settled();
    expect((await runs(b)).length).toBe(1);
  });

  it("a deploy re-arms schedules; a deploy with an invalid one is refused and changes nothing", async () => {
    const b = (backend = await openBackend(spec(scheduled("job", "* * * * *"))));
    await expect(b.deploy(spec(scheduled("job", "0 12 * * *"), scheduled("broken", "61 * * * *")))).rejects.toThrow(
      /triggers\/broken\.json: "config\.schedule": minute "61": expected 0-59/,
    );
    b.clock.advance(MINUTE);
    await b.triggers.tick();
    expect(await runs(b)).toHaveLength(1);
    await b.deploy(spec(scheduled("job", "0 12 * * *")));
    await b.app.mongo(SYSTEM_CONTEXT).db("audit").collection("runs").deleteMany({});
    b.clock.advance(11 * 60 * MINUTE - MINUTE);
    await b.triggers.tick();
    expect(await runs(b)).toEqual([]);
    b.clock.advance(60 * MINUTE);
    await b.triggers.tick();
    expect((await runs(b)).map((r) => iso(r.at))).toEqual(["2026-01-01T12:00:00"]);
  });

  it("closing stops the schedule", async () => {
    const b = await openBackend(spec(scheduled("everyMinute", "* * * * *")), { triggers: { pollMs: 10 } });
    await b.close();
    b.clock.advance(MINUTE);
    await b.triggers.tick();
    await new Promise((r) => setTimeout(r, 50));
    expect(b.runtime.runnerCount).toBe(0);
  });
});

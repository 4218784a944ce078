import { beforeAll, describe, expect, it } from "vitest";

import { createSandbox, type Sandbox } from "../../src/index.ts";
import { adminOf } from "../helpers/admin.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

const APP = "tasktracker-sandbox";
const CLIENT = `https://realm.mongodb.com/api/client/v2.0/app/${APP}`;

let sandbox: Sandbox;
let ada: { id: string; token: string };
let bob: { id: string; token: string };
let before = 0;

const { call, user } = adminOf(() => sandbox, APP);

/** An insert the task tracker's rules refuse (the default role writes nothing). */
async function refusedInsert(who: { token: string }, name: string): Promise<number> {
  const response = await sandbox.fetch(`${CLIENT}/functions/call`, {
    method: "POST",
    headers: { authorization: `Bearer ${who.token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "insertOne", service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", document: { name } }] }),
  });
  return response.status;
}

const logs = async (query: string) => (await call("GET", `/logs${query}`)).json;

beforeAll(async () => {
  sandbox = await createSandbox({ ...freshIndexedDB(), template: "task-tracker", bcryptCost: 4 });
  ada = await user("ada@example.com");
  before = Date.now();
  bob = await user("bob@example.com");
  expect(await refusedInsert(ada, "ada's task")).toBe(400);
  expect(await refusedInsert(bob, "bob's task")).toBe(400);
});

describe("GET /:appId/logs", () => {
  const cases: { name: string; query: () => string; check: (page: any) => void }[] = [
    { name: "everything, newest first", query: () => "", check: (p) => expect(p.logs.map((l: any) => l.seq)).toEqual([...p.logs.map((l: any) => l.seq)].sort((a, b) => b - a)) },
    { name: "by type", query: () => "?type=rules", check: (p) => expect(p.logs.map((l: any) => l.type)).toEqual(["rules", "rules"]) },
    { name: "by several types", query: () => "?type=rules,auth", check: (p) => expect(new Set(p.logs.map((l: any) => l.type))).toEqual(new Set(["rules", "auth"])) },
    { name: "by status", query: () => "?status=error", check: (p) => expect(new Set(p.logs.map((l: any) => l.status))).toEqual(new Set(["error"])) },
    { name: "errors_only, as the Admin API", query: () => "?errors_only=true&type=auth", check: (p) => expect(p.logs).toEqual([]) },
    { name: "by user id", query: () => `?user=${bob.id}&type=rules`, check: (p) => expect(p.logs.map((l: any) => l.userEmail)).toEqual(["bob@example.com"]) },
    { name: "by user email", query: () => "?user=ada@example.com&type=rules", check: (p) => expect(p.logs.map((l: any) => l.userId)).toEqual([ada.id]) },
    { name: "user_id, as the Admin API", query: () => `?user_id=${ada.id}&type=rules`, check: (p) => expect(p.logs).toHaveLength(1) },
    { name: "from a time", query: () => `?from=${before}&type=auth`, check: (p) => expect(p.logs.every((l: any) => l.time >= before)).toBe(true) },
    { name: "up to a time (ISO)", query: () => `?to=${new Date(before - 1).toISOString()}&type=auth`, check: (p) => expect(p.logs.every((l: any) => l.summary.includes("ada"))).toBe(true) },
    { name: "search in the summary", query: () => "?q=LOGIN%20bob", check: (p) => expect(p.logs.map((l: any) => l.summary)).toEqual(["login bob@example.com"]) },
    { name: "search in the details, quotes as typed", query: () => `?q=${encodeURIComponent(`role "default" cannot write field`)}&type=rules`, check: (p) => expect(p.logs).toHaveLength(2) },
    { name: "search finds nothing", query: () => "?q=no%20such%20words", check: (p) => expect([p.logs, p.nextBefore]).toEqual([[], undefined]) },
    { name: "refusals are marked for the Why view", query: () => "?type=rules", check: (p) => expect(p.logs.every((l: any) => l.explainable)).toBe(true) },
  ];
  it.each(cases)("$name", async ({ query, check }) => check(await logs(query())));

  it("pages back by seq and forward from the newest seen", async () => {
    const all = await logs("");
    const first = await logs("?limit=2");
    expect(first.logs.map((l: any) => l.seq)).toEqual(all.logs.slice(0, 2).map((l: any) => l.seq));
    expect(first.nextBefore).toBe(all.logs[1].seq);
    expect(first.nextEndDate).toBe(new Date(all.logs[1].time).toISOString());
    const second = await logs(`?limit=2&before=${first.nextBefore}`);
    expect(second.logs.map((l: any) => l.seq)).toEqual(all.logs.slice(2, 4).map((l: any) => l.seq));
    expect(first.latestSeq).toBe(all.logs[0].seq);

    expect((await logs(`?after=${all.latestSeq}`)).logs).toEqual([]);
    await refusedInsert(ada, "one more");
    const fresh = await logs(`?after=${all.latestSeq}`);
    expect(fresh.logs.map((l: any) => l.type).sort()).toEqual(["request", "rules"]);
    expect(fresh.latestSeq).toBeGreaterThan(all.latestSeq);
  });

  const refused: [string, string, RegExp][] = [
    ["an unknown type", "?type=nope", /type must be one of/],
    ["an unknown status", "?status=maybe", /status must be ok or error/],
    ["a bad date", "?from=yesterday", /from must be a date/],
    ["from after to", "?from=20&to=10", /from must not be later than to/],
    ["a limit of 0", "?limit=0", /limit must be a whole number/],
  ];
  it.each(refused)("refuses %s", async (_name, query, message) => {
    const { status, json } = await call("GET", `/logs${query}`);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });
});

describe("following the log while it is written", () => {
  it("misses no entry written while a page is read", async () => {
    const start = (await logs("?limit=1")).latestSeq;
    const seen = new Set<number>();
    let latest = start;
    let writing = true;
    // Entries stored one by one, each the moment it is written, so some land while a page is read.
    const writes = (async () => {
      for (let i = 0; i < 60; i++) {
        sandbox.app.log.write({ type: "function", status: "ok", summary: `race ${i}` });
        await sandbox.app.log.flush();
      }
      writing = false;
    })();
    // Polls as the Logs screen does: after the newest seen, then from the answer's latestSeq.
    while (writing) {
      const page = await logs(`?after=${latest}&limit=500`);
      for (const row of page.logs) seen.add(row.seq);
      latest = page.latestSeq;
    }
    await writes;
    const all = (await logs(`?after=${start}&limit=500`)).logs.map((row: any) => row.seq);
    const rest = await logs(`?after=${latest}&limit=500`);
    for (const row of rest.logs) seen.add(row.seq);
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.filter((seq: number) => !seen.has(seq))).toEqual([]);
  });
});

describe("GET /:appId/logs/:seq/explanation", () => {
  it("explains a refused write from its trace, with the roles as deployed", async () => {
    const [entry] = (await logs(`?type=rules&user=${ada.id}&limit=1`)).logs;
    const { json } = await call("GET", `/logs/${entry.seq}/explanation`);
    expect(json).toMatchObject({ database: "tracker", collection: "tasks", action: "insert", allowed: false, appliedRole: "default", message: "insert not permitted" });
    expect(json.user).toEqual({ id: ada.id, email: "ada@example.com" });
    expect(json.roles.map((r: any) => [r.name, r.tried, r.applyWhen?.result])).toEqual([
      ["isAssignee", true, false],
      ["default", true, true],
    ]);
    expect(json.roles[0].applyWhen.lines[0]).toMatch(/assignee \(missing\) == %%user.id/);
    expect(json.fields[0]).toMatchObject({ path: "_id", access: "write", allowed: false });
    expect(json.trace.length).toBeGreaterThan(3);
  });

  it("refuses an entry that is not a refusal, and a missing one", async () => {
    const [login] = (await logs("?type=auth&limit=1")).logs;
    expect((await call("GET", `/logs/${login.seq}/explanation`)).json.error).toMatch(/not a refused request/);
    expect((await call("GET", "/logs/999999/explanation")).status).toBe(404);
  });
});

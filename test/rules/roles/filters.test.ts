import { describe, expect, it } from "vitest";

import type { FilterConfig } from "../../../src/config/types.ts";
import { ObjectId } from "../../../src/bson/types.ts";
import { createRulesTrace, restrictQuery, type AppliedFilters } from "../../../src/rules/roles/index.ts";
import { ALICE, ANON, evaluator, role, rules, type TestUser } from "./_helpers.ts";

const READER = role("reader", { read: true });

function filter(name: string, spec: Partial<FilterConfig>): FilterConfig {
  return { name, apply_when: {}, query: {}, projection: {}, ...spec };
}

async function applied(filters: FilterConfig[], user: TestUser = ALICE): Promise<AppliedFilters> {
  return evaluator(rules([READER], filters), user).filters();
}

describe("query filters", () => {
  const ownOnly = filter("ownOnly", { apply_when: { "%%true": true }, query: { owner_id: "%%user.id" } });
  const emailUsers = filter("emailUsers", { apply_when: { "%%user.data.email": { "%exists": true } }, query: { public: true } });
  const noSecrets = filter("noSecrets", { projection: { secret: 0 } });

  it("expands the query of an applying filter and ANDs it into the request's", async () => {
    const result = await applied([ownOnly]);
    expect(result.queries).toEqual([{ owner_id: ALICE.id }]);
    expect(restrictQuery({ status: "Open" }, result)).toEqual({ $and: [{ status: "Open" }, { owner_id: ALICE.id }] });
    expect(restrictQuery({}, result)).toEqual({ owner_id: ALICE.id });
  });

  it("skips filters whose apply_when is false", async () => {
    const result = await applied([ownOnly, emailUsers], ANON);
    expect(result.queries).toEqual([{ owner_id: ANON.id }]);
    const both = await applied([ownOnly, emailUsers], ALICE);
    expect(restrictQuery({ a: 1 }, both)).toEqual({ $and: [{ a: 1 }, { owner_id: ALICE.id }, { public: true }] });
  });

  it("leaves the request's filter untouched when nothing applies", async () => {
    const result = await applied([emailUsers], ANON);
    const original = { a: 1 };
    expect(restrictQuery(original, result)).toBe(original);
    expect(result.project).toBeUndefined();
  });

  it("keeps converters and MongoDB operators in filter queries", async () => {
    const byId = filter("byId", { query: { _id: { "%stringToOid": "%%user.id" }, tags: { $in: ["a", "b"] } } });
    const result = await applied([byId]);
    expect(result.queries).toEqual([{ _id: new ObjectId(ALICE.id), tags: { $in: ["a", "b"] } }]);
  });

  it("merges the projections of applying filters", async () => {
    const noNotes = filter("noNotes", { projection: { notes: 0 } });
    const result = await applied([noSecrets, noNotes]);
    expect(result.projection).toEqual({ secret: 0, notes: 0 });
    expect(result.project!({ _id: 1, secret: "s", notes: "n", title: "t" })).toEqual({ _id: 1, title: "t" });
  });

  it("fails the request when inclusive and exclusive projections are mixed", async () => {
    const onlyTitle = filter("onlyTitle", { projection: { title: 1 } });
    await expect(applied([noSecrets, onlyTitle])).rejects.toMatchObject({ code: "MongoDBError" });
  });

  it("evaluates filters once per request and records them in a trace", async () => {
    const ev = evaluator(rules([READER], [ownOnly, emailUsers]), ANON);
    const trace = createRulesTrace("db.coll");
    const first = ev.filters(trace);
    expect(ev.filters(trace)).toBe(first);
    expect(trace.filters).toMatchObject([
      { filter: "ownOnly", applyWhen: { result: true }, query: { owner_id: ANON.id } },
      { filter: "emailUsers", applyWhen: { result: false, entries: [{ key: "%%user.data.email", left: undefined, op: "%exists" }] } },
    ]);
    expect(trace.filters[1].query).toBeUndefined();
  });

  it("reports an invalid expansion in a filter query with its location", async () => {
    const bad = filter("bad", { query: { owner_id: "%%user.nope" } });
    expect(() => evaluator(rules([READER], [bad])).filters()).toThrowError(/filters\[0\]\.query/);
  });
});

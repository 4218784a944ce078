import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Document } from "../../src/bson/types.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import type { AccessPolicy, WriteKind } from "../../src/services/mongodb-atlas/access-policy.ts";
import { SYSTEM_CONTEXT } from "../../src/services/request-context.ts";
import { errorOf, openTestApp, type TestApp } from "../helpers/sandbox.ts";

describe("MongoDBService", () => {
  let sandbox: TestApp;

  beforeEach(async () => {
    sandbox = await openTestApp({ template: "task-tracker" });
  });

  afterEach(() => sandbox.close());

  it("is found by its data source name only", async () => {
    expect(sandbox.app.mongo(SYSTEM_CONTEXT).serviceName).toBe("mongodb-atlas");
    const error = await errorOf(() => sandbox.app.mongo(SYSTEM_CONTEXT, "mongodb-atlas-2"));
    expect(error).toMatchObject({ code: "ServiceNotFound", message: "service not found: 'mongodb-atlas-2'" });
  });

  it("lists the collections the app declares for a database", () => {
    const service = sandbox.app.mongo(SYSTEM_CONTEXT);
    expect(service.db("tracker").getCollectionNames()).toEqual(["projects", "tasks", "users"]);
    expect(service.db("other").getCollectionNames()).toEqual([]);
  });

  it("names the namespace of a collection handle", () => {
    const service = sandbox.app.mongo(SYSTEM_CONTEXT);
    expect(service.db("tracker").collection("tasks").namespace).toBe("tracker.tasks");
    expect(service.db("tracker").collection("a.b").namespace).toBe("tracker.a.b");
  });

  it.each<[string, () => unknown]>([
    ["an empty database name", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("")],
    ["a database name with a dot", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("a.b")],
    ["a database name with a space", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("a b")],
    ["a database name with $", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("a$")],
    ["a too long database name", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("d".repeat(121))],
    ["a collection name with $", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("$cmd")],
    ["an empty collection name", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("")],
    ["a collection name with NUL", () => sandbox.app.mongo(SYSTEM_CONTEXT).db("tracker").collection("a\u0000b")],
  ])("rejects %s", async (_name, make) => {
    const error = await errorOf(make);
    expect(error.code).toBe("InvalidParameter");
    expect(error.message).toMatch(/^invalid (database|collection) name: /);
  });

  it("keeps collections of different databases and names apart", async () => {
    const service = sandbox.app.mongo(SYSTEM_CONTEXT);
    await service.db("a").collection("x").insertOne({ _id: 1, v: "a.x" });
    await service.db("a").collection("x.y").insertOne({ _id: 1, v: "a.x.y" });
    await service.db("ax").collection("y").insertOne({ _id: 1, v: "ax.y" });
    expect(await service.db("a").collection("x").find({})).toEqual([{ _id: 1, v: "a.x" }]);
    expect(await service.db("a").collection("x.y").find({})).toEqual([{ _id: 1, v: "a.x.y" }]);
    expect(await service.db("ax").collection("y").find({})).toEqual([{ _id: 1, v: "ax.y" }]);
  });

  describe("the access policy is the one composition point", () => {
    const calls: [string, WriteKind, Document | undefined, Document | undefined][] = [];

    /** Users see only their own tasks, without the `secret` field, and may not delete. */
    const policy = (ns: string): AccessPolicy => ({
      validatesSchema: false,
      restrictFilter: (filter) => ({ $and: [filter, { owner: "user-1" }] }),
      readDocument: (doc) => {
        const { secret: _secret, ...rest } = doc;
        return rest;
      },
      checkWrite: (kind, before, after) => {
        calls.push([ns, kind, before, after]);
        if (kind === "delete") throw new AppServicesError("NoMatchingRuleFound", "delete not permitted");
      },
    });

    beforeEach(async () => {
      calls.length = 0;
      sandbox.app.usePolicies((request) => policy(request.namespace));
      await sandbox.system("tracker.tasks").insertMany([
        { _id: 1, owner: "user-1", name: "mine", secret: "s1" },
        { _id: 2, owner: "user-2", name: "theirs", secret: "s2" },
      ]);
      await sandbox.system("tracker.users").insertMany([
        { _id: 1, owner: "user-1", user_id: "user-1", secret: "u1" },
        { _id: 2, owner: "user-2", user_id: "user-2" },
      ]);
    });

    const tasks = () => sandbox.user("tracker.tasks");

    it("reads go through the filter and the document view", async () => {
      expect(await tasks().find({})).toEqual([{ _id: 1, owner: "user-1", name: "mine" }]);
      expect(await tasks().count({})).toBe(1);
      expect(await tasks().findOne({ _id: 2 })).toBeNull();
      expect(await tasks().distinct("name")).toEqual(["mine"]);
      expect(await tasks().aggregate([{ $project: { _id: 1 } }])).toEqual([{ _id: 1 }]);
    });

    it("$lookup reads the other collection through its own policy", async () => {
      const [doc] = await tasks().aggregate([{ $lookup: { from: "users", localField: "owner", foreignField: "owner", as: "u" } }]);
      expect(doc.u).toEqual([{ _id: 1, owner: "user-1", user_id: "user-1" }]);
    });

    it("writes only reach documents the filter lets through, and checkWrite sees both images", async () => {
      expect(await tasks().updateMany({}, { $set: { done: true } })).toEqual({ matchedCount: 1, modifiedCount: 1 });
      expect(calls).toEqual([
        ["tracker.tasks", "update", { _id: 1, owner: "user-1", name: "mine", secret: "s1" }, { _id: 1, owner: "user-1", name: "mine", secret: "s1", done: true }],
      ]);
      expect(await sandbox.system("tracker.tasks").findOne({ _id: 2 })).toEqual({ _id: 2, owner: "user-2", name: "theirs", secret: "s2" });
    });

    it("an update keeps fields the caller cannot see", async () => {
      await tasks().updateOne({ _id: 1 }, { $set: { name: "renamed" } });
      expect(await sandbox.system("tracker.tasks").findOne({ _id: 1 })).toEqual({ _id: 1, owner: "user-1", name: "renamed", secret: "s1" });
    });

    it("findOneAndUpdate returns the document as the caller sees it", async () => {
      expect(await tasks().findOneAndUpdate({}, { $set: { n: 1 } }, { returnNewDocument: true })).toEqual({ _id: 1, owner: "user-1", name: "mine", n: 1 });
      expect(await tasks().findOneAndUpdate({}, { $set: { n: 2 } })).toEqual({ _id: 1, owner: "user-1", name: "mine", n: 1 });
    });

    it("inserts and replaces are checked", async () => {
      await tasks().insertOne({ _id: 3, owner: "user-1" });
      await tasks().replaceOne({ _id: 3 }, { owner: "user-1", v: 1 });
      expect(calls.map(([, kind, before, after]) => [kind, before, after])).toEqual([
        ["insert", undefined, { _id: 3, owner: "user-1" }],
        ["replace", { _id: 3, owner: "user-1" }, { _id: 3, owner: "user-1", v: 1 }],
      ]);
    });

    it("a refused write changes nothing", async () => {
      const error = await errorOf(() => tasks().deleteMany({}));
      expect(error).toMatchObject({ code: "NoMatchingRuleFound", message: "delete not permitted" });
      expect(await sandbox.system("tracker.tasks").count()).toBe(2);
    });

    it("system requests bypass the policy", async () => {
      expect(await sandbox.system("tracker.tasks").count({})).toBe(2);
      expect((await sandbox.system("tracker.tasks").findOne({ _id: 1 }))!.secret).toBe("s1");
      await sandbox.system("tracker.tasks").deleteOne({ _id: 2 });
      expect(calls).toEqual([]);
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  addCollection,
  diffApps,
  formatJson,
  parseApp,
  removeAuthProvider,
  removeCollection,
  removeFile,
  removeFunction,
  removeTrigger,
  setAuthProvider,
  setCollectionRules,
  setCollectionSchema,
  setCustomUserData,
  setFile,
  setFunction,
  setIndexes,
  setRelationships,
  setTrigger,
} from "../../src/config/index.ts";
import { blank, taskTracker } from "../../src/app/templates/index.ts";

const SVC = "mongodb-atlas";

describe("round trip", () => {
  it("re-serialising the parsed model with the edit helpers changes nothing", () => {
    const files = taskTracker("t-1");
    const model = parseApp(files);
    let again = files;
    for (const c of model.collections) {
      again = setCollectionSchema(again, c.service, c.database, c.collection, c.schema);
      again = setCollectionRules(again, c.service, c.database, c.collection, c.rules);
      again = setRelationships(again, c.service, c.database, c.collection, c.relationships);
    }
    for (const f of model.functions) {
      const { source, sourcePath, ...entry } = f;
      again = setFunction(again, entry, source);
    }
    for (const t of model.triggers) again = setTrigger(again, JSON.parse(files[t.path]));
    for (const p of Object.values(model.auth.providers)) again = setAuthProvider(again, p);
    again = setCustomUserData(again, model.auth.customUserData);
    expect(diffApps(files, again)).toEqual({ added: [], removed: [], modified: [] });
    expect(again).toEqual(files);
  });

  it("export → parse → export is stable for both templates", () => {
    for (const files of [blank("b-1"), taskTracker("t-1")]) {
      const exported = { ...files };
      parseApp(exported);
      expect(exported).toEqual(files);
    }
  });
});

describe("edit helpers", () => {
  const base = blank("b-1");

  it("never mutate their input", () => {
    const before = JSON.stringify(base);
    setFile(base, "README.md", "x");
    removeFile(base, "auth/providers.json");
    addCollection(base, SVC, "shop", "orders");
    setFunction(base, { name: "hello" }, "exports = () => 'hi';");
    setIndexes(base, { "shop.orders": ["total"] });
    expect(JSON.stringify(base)).toBe(before);
  });

  it("addCollection creates an empty rule and relationships, no schema", () => {
    const files = addCollection(base, SVC, "shop", "orders");
    expect(diffApps(base, files).added).toEqual([
      "data_sources/mongodb-atlas/shop/orders/relationships.json",
      "data_sources/mongodb-atlas/shop/orders/rules.json",
    ]);
    expect(files["data_sources/mongodb-atlas/shop/orders/rules.json"]).toBe(
      formatJson({ database: "shop", collection: "orders", roles: [], filters: [] }),
    );
    const [orders] = parseApp(files).collections;
    expect(orders).toMatchObject({ namespace: "shop.orders", schema: undefined, rules: { roles: [], filters: [] }, relationships: {} });
  });

  it.each([
    ["a.b", "orders", /invalid database name/],
    ["shop", "", /invalid collection name/],
    ["shop", "a$b", /invalid collection name/],
    ["shop", "system.users", /invalid collection name/],
  ])("addCollection rejects %s.%s", (db, coll, message) => {
    expect(() => addCollection(base, SVC, db, coll)).toThrow(message);
  });

  it("addCollection rejects an existing collection and an unknown service", () => {
    const files = addCollection(base, SVC, "shop", "orders");
    expect(() => addCollection(files, SVC, "shop", "orders")).toThrow(/already exists/);
    expect(() => addCollection(base, "other", "shop", "orders")).toThrow(/no data source named "other"/);
  });

  it("removeCollection removes the whole folder and nothing else", () => {
    const files = removeCollection(taskTracker("t-1"), SVC, "tracker", "projects");
    expect(diffApps(taskTracker("t-1"), files).removed).toEqual([
      "data_sources/mongodb-atlas/tracker/projects/relationships.json",
      "data_sources/mongodb-atlas/tracker/projects/rules.json",
      "data_sources/mongodb-atlas/tracker/projects/schema.json",
    ]);
  });

  it("setCollectionSchema writes and removes schema.json", () => {
    let files = addCollection(base, SVC, "shop", "orders");
    files = setCollectionSchema(files, SVC, "shop", "orders", { title: "Order", properties: { _id: { bsonType: "objectId" } } });
    expect(parseApp(files).collections[0].schema).toEqual({ title: "Order", properties: { _id: { bsonType: "objectId" } } });
    files = setCollectionSchema(files, SVC, "shop", "orders", undefined);
    expect("data_sources/mongodb-atlas/shop/orders/schema.json" in files).toBe(false);
  });

  it("setCollectionRules takes database/collection from the folder", () => {
    let files = addCollection(base, SVC, "shop", "orders");
    files = setCollectionRules(files, SVC, "shop", "orders", { roles: [{ name: "owner", apply_when: { owner: "%%user.id" }, read: true }] });
    expect(JSON.parse(files["data_sources/mongodb-atlas/shop/orders/rules.json"])).toEqual({
      database: "shop",
      collection: "orders",
      roles: [{ name: "owner", apply_when: { owner: "%%user.id" }, read: true }],
      filters: [],
    });
  });

  it("setRelationships drops the derived target", () => {
    let files = addCollection(addCollection(base, SVC, "shop", "orders"), SVC, "shop", "customers");
    files = setRelationships(files, SVC, "shop", "orders", {
      customer: {
        ref: "#/relationship/mongodb-atlas/shop/customers",
        source_key: "customer",
        foreign_key: "_id",
        is_list: false,
        target: { service: SVC, database: "shop", collection: "customers" },
      },
    });
    expect(JSON.parse(files["data_sources/mongodb-atlas/shop/orders/relationships.json"])).toEqual({
      customer: { ref: "#/relationship/mongodb-atlas/shop/customers", source_key: "customer", foreign_key: "_id", is_list: false },
    });
    // a foreign key on _id needs no extra index
    expect(parseApp(files).sandbox.indexes).toEqual({});
  });

  it("setFunction adds, replaces in place and removeFunction removes", () => {
    let files = taskTracker("t-1");
    files = setFunction(files, { name: "hello", private: false }, "exports = () => 'hi';");
    files = setFunction(files, { name: "createNewUserDocument", private: false }, "exports = () => null;");
    expect(parseApp(files).functions.map((f) => [f.name, f.private])).toEqual([
      ["createNewUserDocument", false],
      ["resetFunc", false],
      ["hello", false],
    ]);
    files = removeFunction(files, "hello");
    expect("functions/hello.js" in files).toBe(false);
    expect(parseApp(files).functions.map((f) => f.name)).toEqual(["createNewUserDocument", "resetFunc"]);
    expect(() => setFunction(files, { name: "../evil" }, "")).toThrow(/invalid function name/);
  });

  it("setTrigger replaces a trigger stored under another file name", () => {
    let files = taskTracker("t-1");
    const trigger = JSON.parse(files["triggers/onNewUser.json"]);
    files = removeFile(files, "triggers/onNewUser.json");
    files = setFile(files, "triggers/renamed.json", formatJson(trigger));
    files = setTrigger(files, { ...trigger, disabled: true });
    expect(Object.keys(files).filter((p) => p.startsWith("triggers/"))).toEqual(["triggers/onNewUser.json"]);
    expect(parseApp(files).triggers[0].disabled).toBe(true);
    expect(Object.keys(removeTrigger(files, "onNewUser")).some((p) => p.startsWith("triggers/"))).toBe(false);
  });

  it("setAuthProvider and removeAuthProvider edit providers.json by name", () => {
    let files = setAuthProvider(base, { name: "anon-user", type: "anon-user", disabled: false });
    expect(Object.keys(parseApp(files).auth.providers)).toEqual(["api-key", "anon-user"]);
    files = removeAuthProvider(files, "api-key");
    expect(Object.keys(parseApp(files).auth.providers)).toEqual(["anon-user"]);
  });

  it("setIndexes writes sorted, without _id, and removes the file when empty", () => {
    const files = setIndexes(base, { "shop.orders": ["total", "_id", "customer", "total"], "a.b": ["x"], "c.d": ["_id"] });
    expect(files["sandbox/indexes.json"]).toBe(formatJson({ "a.b": ["x"], "shop.orders": ["customer", "total"] }));
    expect(parseApp(files).sandbox.indexes).toEqual({ "a.b": ["x"], "shop.orders": ["customer", "total"] });
    expect("sandbox/indexes.json" in setIndexes(files, {})).toBe(false);
  });

  it("merges declared indexes with relationship and partition keys", () => {
    let files = setIndexes(taskTracker("t-1"), { "tracker.tasks": ["status"], "tracker.users": ["user_id", "name"] });
    files = setFile(
      files,
      "sync/config.json",
      formatJson({
        state: "enabled",
        development_mode_enabled: false,
        service_name: SVC,
        database_name: "tracker",
        partition: { key: "_partition", type: "string", required: true, permissions: { read: {}, write: {} } },
      }),
    );
    expect(parseApp(files).sandbox.indexes).toEqual({
      "tracker.projects": ["_partition"],
      "tracker.tasks": ["_partition", "status"],
      "tracker.users": ["_partition", "name", "user_id"],
    });
  });

  it("reports invalid JSON in a file an edit has to read", () => {
    const files = setFile(base, "functions/config.json", "[");
    expect(() => setFunction(files, { name: "x" }, "")).toThrow(/^functions\/config\.json: invalid JSON/);
  });
});

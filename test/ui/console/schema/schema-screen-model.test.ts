import { describe, expect, it } from "vitest";

import { defaultService, listCollections, newCollectionFiles, parseRelationshipRef } from "../../../../src/ui/console/schema/collections.ts";
import { keyLines, problemLine } from "../../../../src/ui/console/schema/json-lines.ts";
import { checkRelationship, schemaFields } from "../../../../src/ui/console/schema/relationship-check.ts";
import { UnsavedTexts } from "../../../../src/ui/console/schema/unsaved-text.ts";

const TASKS = { ref: { service: "mongodb-atlas", database: "tracker", collection: "tasks" } };
const USERS = { service: "mongodb-atlas", database: "tracker", collection: "users" };
const taskSchema = {
  title: "Task",
  properties: {
    _id: { bsonType: "objectId" },
    assignee: { bsonType: "string" },
    watchers: { bsonType: "array", items: { bsonType: "string" } },
    meta: { bsonType: "object", properties: { owner: { bsonType: ["string", "null"] }, tags: { bsonType: "array", items: { bsonType: "object" } } } },
    anything: { bsonType: "mixed" },
    count: { bsonType: "int" },
  },
};
const userSchema = { properties: { _id: { bsonType: "objectId" }, user_id: { bsonType: "string" }, n: { bsonType: "number" }, profile: { bsonType: "object", properties: {} } } };

describe("relationships checked against both schemas", () => {
  const cases: [string, Parameters<typeof checkRelationship>[0], object | undefined, Record<string, RegExp>][] = [
    ["the guide's assignee → users.user_id", { source: "assignee", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, {}],
    ["an array of ids, to-many", { source: "watchers", foreign: USERS, foreignField: "user_id", isList: true }, userSchema, {}],
    ["a field inside an embedded object, null admitted", { source: "meta.owner", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, {}],
    ["int to number: both numbers", { source: "count", foreign: USERS, foreignField: "n", isList: false }, userSchema, {}],
    ["a source field the schema lacks", { source: "owner", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, { source: /"owner" is not in the schema of tracker\.tasks/ }],
    ["_id as the source", { source: "_id", foreign: USERS, foreignField: "_id", isList: false }, userSchema, { source: /_id cannot be a relationship's source/ }],
    ["types that never match", { source: "assignee", foreign: USERS, foreignField: "_id", isList: false }, userSchema, { foreignField: /tracker\.users\._id holds objectId values but "assignee" holds string/ }],
    ["to-many on a single value", { source: "assignee", foreign: USERS, foreignField: "user_id", isList: true }, userSchema, { kind: /To-many needs an array field/ }],
    ["to-one on an array", { source: "watchers", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, { kind: /is an array: choose To-many/ }],
    ["an array of objects", { source: "meta.tags", foreign: USERS, foreignField: "user_id", isList: true }, userSchema, { source: /must be of one plain type/ }],
    ["a field of several types", { source: "anything", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, {}],
    ["an embedded object as the source", { source: "meta", foreign: USERS, foreignField: "user_id", isList: false }, userSchema, { source: /is an embedded object/ }],
    ["no foreign collection", { source: "assignee", foreign: undefined, foreignField: "", isList: false }, undefined, { foreign: /Choose the collection/ }],
    ["a foreign collection without a schema", { source: "assignee", foreign: USERS, foreignField: "user_id", isList: false }, undefined, { foreign: /tracker\.users has no saved schema/ }],
    ["a foreign field the schema lacks", { source: "assignee", foreign: USERS, foreignField: "email", isList: false }, userSchema, { foreignField: /"email" is not in the schema of tracker\.users/ }],
    ["an object as the foreign field", { source: "assignee", foreign: USERS, foreignField: "profile", isList: false }, userSchema, { foreignField: /an embedded object/ }],
  ];
  it.each(cases)("%s", (_name, draft, foreignSchema, expected) => {
    const problems = checkRelationship(draft, { ...TASKS, schema: taskSchema }, foreignSchema as Record<string, unknown> | undefined);
    expect(Object.keys(problems).filter((k) => problems[k as keyof typeof problems] !== undefined).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, pattern] of Object.entries(expected)) expect(problems[key as keyof typeof problems]).toMatch(pattern);
  });

  it("needs the source collection's schema first", () => {
    expect(checkRelationship({ source: "", foreign: USERS, foreignField: "user_id", isList: false }, { ...TASKS, schema: undefined }, userSchema).source).toMatch(/tracker\.tasks has no saved schema/);
  });

  it("lists the fields a relationship can use, inside embedded objects too", () => {
    expect(schemaFields(taskSchema).map((f) => [f.path, f.type, f.itemType])).toEqual([
      ["_id", "objectId", undefined],
      ["assignee", "string", undefined],
      ["watchers", "array", "string"],
      ["meta.owner", "string", undefined],
      ["meta.tags", "array", "object"],
      ["anything", "mixed", undefined],
      ["count", "int", undefined],
    ]);
  });
});

describe("schema problems placed on their line", () => {
  const text = '{\n  "title": "T",\n  "type": "object",\n  "properties": {\n    "name": { "bsonType": "strin" },\n    "tags": { "items": [ {"x": 1}, {"bsonType": 3} ] }\n  }\n}';
  const lines = keyLines(text);
  it.each([
    ['properties.name.bsonType: unknown type "strin"', 5],
    ["properties.tags.items.1.bsonType must be a string", 6],
    ["properties.missing.bsonType: unknown type", 4],
    ['root must have type "object"', 3],
    ["type and bsonType cannot be used together", 3],
    ["the schema must be a JSON object", undefined],
  ])("%s → line %s", (message, line) => {
    expect(problemLine(message, lines)).toBe(line);
  });

  it("keeps the keys read before a syntax error", () => {
    const partial = keyLines('{\n  "title": "T",\n  "properties": {\n    "a": { "bsonType": "string" },\n  }\n}');
    expect(partial.get("properties.a.bsonType")).toBe(4);
  });
});

describe("the collections of the draft", () => {
  it("lists each collection folder once, with whether it has a schema, and adds new ones as Add Collection did", () => {
    const files: Record<string, string> = {
      "data_sources/mongodb-atlas/config.json": "{}",
      "data_sources/mongodb-atlas/tracker/tasks/schema.json": "{}",
      "data_sources/mongodb-atlas/tracker/tasks/rules.json": "{}",
      ...newCollectionFiles(USERS),
    };
    expect(listCollections(files)).toEqual([
      { service: "mongodb-atlas", database: "tracker", collection: "tasks", hasSchema: true },
      { ...USERS, hasSchema: false },
    ]);
    expect(JSON.parse(files["data_sources/mongodb-atlas/tracker/users/rules.json"])).toEqual({ database: "tracker", collection: "users", roles: [], filters: [] });
    expect(files["data_sources/mongodb-atlas/tracker/users/relationships.json"]).toBe("{}\n");
    expect(defaultService(files)).toBe("mongodb-atlas");
    expect(defaultService({ "data_sources/cluster/config.json": "{}" })).toBe("cluster");
    expect(parseRelationshipRef("#/stitch/mongodb-atlas/db/coll")).toEqual({ service: "mongodb-atlas", database: "db", collection: "coll" });
  });
});

describe("unsaved text kept in the browser", () => {
  it("keeps text per app and collection until removed, and survives damaged entries", () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
    const texts = new UnsavedTexts(storage);
    texts.set("app", USERS, "{ typed", 5);
    expect(texts.get("app", USERS)).toEqual({ text: "{ typed", at: 5 });
    expect(texts.get("other", USERS)).toBeUndefined();
    texts.remove("app", USERS);
    expect(texts.get("app", USERS)).toBeUndefined();
    map.set([...map.keys()][0] ?? "realm-sandbox:console:schema-text:app:mongodb-atlas/tracker/users", "not json");
    expect(texts.get("app", USERS)).toBeUndefined();
    const full = new UnsavedTexts({ ...storage, setItem: () => { throw new Error("QuotaExceededError"); } });
    expect(full.set("app", USERS, "x")).toBe(false);
  });
});

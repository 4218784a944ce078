import { describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import { appSchemaOf, buildAppSchema, printAppSchema } from "../../src/graphql/index.ts";
import { INCIDENT_RELATIONSHIPS, INCIDENTS } from "./fixtures/apps.ts";
import { normalizeSchema } from "./normalize.ts";
import { appWith } from "./support.ts";

const schema = normalizeSchema(buildAppSchema(parseApp(appWith(INCIDENTS, INCIDENT_RELATIONSHIPS)))) as Record<string, any>;
const fieldsOf = (name: string) => schema[name].fields as Record<string, any>;
const typesOf = (name: string) => Object.fromEntries(Object.entries(fieldsOf(name)).map(([k, v]) => [k, typeof v === "string" ? v : v.type]));

describe("SDL generation rules", () => {
  it("maps BSON types to scalars and leaves out what GraphQL cannot represent", () => {
    expect(typesOf("Incident")).toEqual({
      _id: "ObjectId!",
      incident_id: "Int!",
      title: "String!",
      date: "DateTime",
      score: "Float",
      big: "Long",
      price: "Float",
      published: "Boolean",
      tags: "[String]",
      tsne: "IncidentTsne",
      nlp_similar_incidents: "[IncidentNlp_similar_incident]",
      reports: "[Report]",
      AllegedDeployerOfAISystem: "String",
      status: "IncidentStatus",
      maybe: "String",
      editor: "EditorNote",
    });
    expect(schema.ObjectId).toEqual({ kind: "scalar" });
    expect(schema.DateTime).toEqual({ kind: "scalar" });
    expect(schema.Long).toEqual({ kind: "scalar" });
    expect(schema.IncidentStatus).toEqual({ kind: "enum", values: ["CLOSED", "INPROGRESS", "OPEN"] });
  });

  it("emits DateTime and Long only when a field uses them", () => {
    const plain = normalizeSchema(buildAppSchema(parseApp(appWith({ "db.things": { properties: { _id: { bsonType: "objectId" } } } }))));
    expect(Object.keys(plain)).not.toContain("DateTime");
    expect(Object.keys(plain)).not.toContain("Long");
    expect(Object.keys(plain)).toContain("ObjectId");
  });

  it("follows the observed QueryInput operator matrix", () => {
    const q = typesOf("IncidentQueryInput");
    const of = (field: string) => Object.keys(q).filter((k) => k === field || k.startsWith(`${field}_`)).sort();
    expect(of("published")).toEqual(["published", "published_exists", "published_ne"]);
    expect(of("tags")).toEqual(["tags", "tags_exists", "tags_in", "tags_nin"]);
    expect(of("tsne")).toEqual(["tsne", "tsne_exists"]);
    expect(of("big")).toEqual(["big", "big_exists", "big_gt", "big_gte", "big_in", "big_lt", "big_lte", "big_ne", "big_nin"]);
    expect(q.AND).toBe("[IncidentQueryInput!]");
    expect(q.OR).toBe("[IncidentQueryInput!]");
    expect(q.NOT).toBeUndefined();
    expect(q.tsne).toBe("IncidentTsneQueryInput");
    expect(q.nlp_similar_incidents).toBe("[IncidentNlp_similar_incidentQueryInput]");
    expect(q.nlp_similar_incidents_in).toBe("[IncidentNlp_similar_incidentQueryInput]");
    expect(q.reports).toBe("[ReportQueryInput]");
    expect(q.reports_nin).toBe("[ReportQueryInput]");
    expect(q.status_in).toBe("[IncidentStatus]");
    expect(q.date_gt).toBe("DateTime");
    expect(typesOf("SubscriptionQueryInput").userId).toBe("UserQueryInput");
    expect(Object.keys(typesOf("SubscriptionQueryInput")).filter((k) => k.startsWith("userId"))).toEqual(["userId", "userId_exists"]);
  });

  it("gives UpdateInput _unset everywhere and _inc to Int and Float only", () => {
    const u = typesOf("IncidentUpdateInput");
    expect(Object.keys(u).filter((k) => k.endsWith("_inc")).sort()).toEqual(["incident_id_inc", "price_inc", "score_inc"]);
    expect(u.big_unset).toBe("Boolean");
    expect(u.tsne).toBe("IncidentTsneUpdateInput");
    expect(u.nlp_similar_incidents).toBe("[IncidentNlp_similar_incidentUpdateInput]");
    expect(u.reports).toBe("IncidentReportsRelationInput");
    expect(typesOf("IncidentTsneUpdateInput")).toEqual({ x: "Float", x_unset: "Boolean", x_inc: "Float", y: "Float", y_unset: "Boolean", y_inc: "Float" });
  });

  it("builds InsertInput with required fields and relation inputs", () => {
    expect(typesOf("IncidentInsertInput")).toMatchObject({ _id: "ObjectId", incident_id: "Int!", title: "String!", tsne: "IncidentTsneInsertInput", reports: "IncidentReportsRelationInput" });
    expect(typesOf("SubscriptionInsertInput")).toMatchObject({ userId: "SubscriptionUserIdRelationInput!", incident_id: "SubscriptionIncident_idRelationInput" });
    expect(typesOf("SubscriptionIncident_idRelationInput")).toEqual({ link: "Int", create: "IncidentInsertInput" });
    expect(typesOf("IncidentReportsRelationInput")).toEqual({ link: "[Int]", create: "[ReportInsertInput]" });
  });

  it("types relationships by the foreign type, non-null when the source is required", () => {
    expect(typesOf("Subscription")).toEqual({ _id: "ObjectId!", userId: "User!", incident_id: "Incident" });
    expect(typesOf("User")).toEqual({ userId: "String", roles: "[String]" });
  });

  it("sorts on root scalars and relationship sources, not on Booleans, arrays or objects", () => {
    expect(schema.IncidentSortByInput.values).toEqual(
      ["_ID", "ALLEGEDDEPLOYEROFAISYSTEM", "BIG", "DATE", "INCIDENT_ID", "MAYBE", "PRICE", "SCORE", "STATUS", "TITLE"].flatMap((v) => [`${v}_ASC`, `${v}_DESC`]).sort(),
    );
    expect(schema.SubscriptionSortByInput.values).toEqual(["INCIDENT_ID_ASC", "INCIDENT_ID_DESC", "USERID_ASC", "USERID_DESC", "_ID_ASC", "_ID_DESC"]);
  });

  it("names root fields with natural pluralization, or +s when it is off", () => {
    const mice = appWith({ "lab.mice": { title: "mouse", properties: { _id: { bsonType: "objectId" } } } });
    const natural = normalizeSchema(buildAppSchema(parseApp(mice))) as Record<string, any>;
    expect(Object.keys(natural.Query.fields)).toEqual(["mice", "mouse"]);
    const off = parseApp({ ...mice, "graphql/config.json": JSON.stringify({ use_natural_pluralization: false }) });
    const plain = normalizeSchema(buildAppSchema(off)) as Record<string, any>;
    expect(Object.keys(plain.Query.fields)).toEqual(["mouse", "mouses"]);
    expect(Object.keys(plain.Mutation.fields)).toContain("deleteManyMouses");
  });

  it("uses the collection name when there is no title, singular like a title", () => {
    const printed = printAppSchema(parseApp(appWith({ "db.widgets": { properties: { _id: { bsonType: "objectId" } } } })));
    expect(printed).toContain("type Widget {");
    expect(printed).toContain("widget(query: WidgetQueryInput): Widget");
    expect(printed).toContain("widgets(query: WidgetQueryInput, limit: Int = 100, sortBy: WidgetSortByInput): [Widget]!");
  });

  it("warns about what it leaves out", () => {
    const model = parseApp(
      appWith(
        {
          "a.one": { title: "Thing", properties: { _id: { bsonType: "objectId" } } },
          "a.two": { title: "thing", properties: { _id: { bsonType: "objectId" } } },
          "a.three": { title: "Query", properties: { _id: { bsonType: "objectId" } } },
          "a.four": { properties: { blob: { bsonType: "binData" } } },
          "a.five": { properties: { _id: { bsonType: "objectId" }, owner: { bsonType: "string" } } },
        },
        { "a.five": { owner: { ref: "#/relationship/mongodb-atlas/a/six", foreign_key: "id", is_list: false } } },
        (files) => ({ ...files, "data_sources/mongodb-atlas/a/six/rules.json": JSON.stringify({ database: "a", collection: "six", roles: [], filters: [] }) }),
      ),
    );
    const { warnings, types } = appSchemaOf(model);
    expect(types.map((t) => t.name).sort()).toEqual(["Five", "Thing"]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/a\.two: the type name Thing is already used by mongodb-atlas\/a\.one/),
        expect.stringMatching(/a\.three: "Query" cannot name a GraphQL type/),
        expect.stringMatching(/a\.four: the schema has no field GraphQL can represent/),
        expect.stringMatching(/Five\.owner: the relationship's target has no GraphQL type/),
      ]),
    );
  });

  it("reports a schema that cannot be generated instead of throwing at request time", () => {
    const empty = parseApp(appWith({}));
    expect(appSchemaOf(empty).schema).toBeUndefined();
    expect(() => buildAppSchema(empty)).toThrow(/no collection has a schema yet/);
    const clash = parseApp(
      appWith({
        "a.one": { title: "Task", properties: { _id: { bsonType: "objectId" }, status: { bsonType: "string", enum: ["A"] } } },
        "a.two": { title: "TaskStatus", properties: { _id: { bsonType: "objectId" } } },
      }),
    );
    expect(appSchemaOf(clash).errors).toEqual(["two generated types would be named TaskStatus"]);
  });
});

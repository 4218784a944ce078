import { describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import type { AppFiles, JsonObject } from "../../src/config/types.ts";
import { appSchemaOf } from "../../src/graphql/index.ts";
import { normalizeSchema } from "./normalize.ts";
import { ALICE, appWith, harness, withResolver } from "./support.ts";

const str = { bsonType: "string" };
const strings = { bsonType: "array", items: str };
const point = { bsonType: "object", properties: { x: { bsonType: "double" }, y: { bsonType: "double" } } };

/** Shaped like the aiid app: plural collection titles, titled custom payloads, an array payload. */
const CHECKLISTS: Record<string, JsonObject> = {
  "aiid.checklists": {
    title: "checklists",
    properties: {
      _id: { bsonType: "objectId" },
      name: str,
      risks: {
        bsonType: "array",
        items: { bsonType: "object", properties: { title: str, precedents: { bsonType: "array", items: { bsonType: "object", properties: { incident_id: { bsonType: "int" } } } } } },
      },
    },
  },
  "aiid.users": { title: "user", properties: { _id: { bsonType: "objectId" }, userId: str } },
  "aiid.people": { properties: { _id: { bsonType: "objectId" } } },
};

function resolvers(files: AppFiles): AppFiles {
  files = withResolver(files, "user_adminData", {
    on_type: "User",
    field_name: "adminData",
    function_name: "adminData",
    input_type_format: "",
    payload_type: { title: "UserAdminData", type: "object", properties: { email: str, disabled: { bsonType: "boolean" } } },
    payload_type_format: "custom",
  });
  files = withResolver(files, "query_risks", {
    on_type: "Query",
    field_name: "risks",
    function_name: "risks",
    payload_type: {
      title: "RisksPayload",
      type: "array",
      items: {
        bsonType: "object",
        properties: {
          tag: str,
          level: { bsonType: "string", enum: ["low", "high"] },
          precedents: {
            bsonType: "array",
            items: {
              bsonType: "object",
              properties: {
                title: str,
                tsne: point,
                nlp_similar_incidents: { bsonType: "array", items: { bsonType: "object", properties: { similarity: { bsonType: "double" } } } },
              },
            },
          },
        },
      },
    },
    payload_type_format: "custom",
  });
  files = withResolver(files, "query_tagged", {
    on_type: "Query",
    field_name: "tagged",
    function_name: "tagged",
    // Titled items name themselves and their nested objects.
    payload_type: { title: "TaggedPayload", type: "array", items: { title: "Tags", bsonType: "object", properties: { tags: strings, origin: point } } },
    payload_type_format: "custom",
  });
  return withResolver(files, "query_points", {
    on_type: "Query",
    field_name: "points",
    function_name: "points",
    input_type: { title: "PointsInput", type: "array", items: { bsonType: "object", properties: { at: point } } },
    input_type_format: "custom",
    payload_type: "Int",
    payload_type_format: "scalar",
  });
}

const files = resolvers(appWith(CHECKLISTS));
const app = appSchemaOf(parseApp(files));
const schema = normalizeSchema(app.schema!) as Record<string, any>;
const fieldType = (type: string, field: string) => {
  const f = schema[type]?.fields?.[field];
  return typeof f === "string" ? f : f?.type;
};

describe("type names are the singular of the title", () => {
  it("builds without warnings", () => expect(app.warnings).toEqual([]));

  it.each([
    ["Query", "checklist", "Checklist"],
    ["Query", "checklists", "[Checklist]!"],
    ["Mutation", "insertOneChecklist", "Checklist"],
    ["Mutation", "insertManyChecklists", "InsertManyPayload"],
    ["Mutation", "deleteManyChecklists", "DeleteManyPayload"],
    ["Checklist", "risks", "[ChecklistRisk]"],
    ["ChecklistRisk", "precedents", "[ChecklistRiskPrecedent]"],
    // An untitled collection is named from its collection name, singular too.
    ["Query", "person", "Person"],
    ["Query", "people", "[Person]!"],
    // A custom payload title is singularized: UserAdminData → UserAdminDatum.
    ["User", "adminData", "UserAdminDatum"],
    ["UserAdminDatum", "disabled", "Boolean"],
  ])("%s.%s: %s", (type, field, expected) => expect(fieldType(type, field)).toBe(expected));

  it("has no type under the plural title", () => {
    expect(schema.Checklists).toBeUndefined();
    expect(schema.UserAdminData).toBeUndefined();
    expect(schema.ChecklistsRisk).toBeUndefined();
  });
});

describe("the objects nested in an array payload's items are named from the payload's title", () => {
  it.each([
    ["Query", "risks", "[RisksPayloadItem]"],
    ["RisksPayloadItem", "precedents", "[RisksPayloadPrecedent]"],
    ["RisksPayloadItem", "level", "RisksPayloadLevel"],
    ["RisksPayloadPrecedent", "tsne", "RisksPayloadPrecedentTsne"],
    ["RisksPayloadPrecedent", "nlp_similar_incidents", "[RisksPayloadPrecedentNlp_similar_incident]"],
    // Items with their own title are named by it, and so are their nested objects.
    ["Query", "tagged", "[Tag]"],
    ["Tag", "origin", "TagOrigin"],
    // Custom inputs follow the same rule.
    ["PointsInputItem", "at", "PointsInputAt"],
  ])("%s.%s: %s", (type, field, expected) => expect(fieldType(type, field)).toBe(expected));

  it("makes no type from the item type's name", () => {
    expect(Object.keys(schema).filter((name) => name.startsWith("RisksPayloadItem") && name !== "RisksPayloadItem")).toEqual([]);
    expect(schema.TagsOrigin).toBeUndefined();
  });

  it("answers through the renamed types", async () => {
    const h = await harness(files, {
      functions: {
        risks: () => [{ tag: "bias", level: "high", precedents: [{ title: "t", tsne: { x: 1, y: 2 }, nlp_similar_incidents: [{ similarity: 0.5 }] }] }],
      },
    });
    const result = await h.run("{ risks { tag level precedents { title tsne { x y } nlp_similar_incidents { similarity } } } }", undefined, ALICE);
    expect(result).toEqual({
      data: { risks: [{ tag: "bias", level: "HIGH", precedents: [{ title: "t", tsne: { x: 1, y: 2 }, nlp_similar_incidents: [{ similarity: 0.5 }] }] }] },
    });
  });
});

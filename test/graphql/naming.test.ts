import { describe, expect, it } from "vitest";

import { pluralize, singularize } from "../../src/graphql/naming/inflect.ts";
import { embeddedTypeName, enumValueName, fieldNameOf, pluralName, rootNames, sortValueName, typeNameOf } from "../../src/graphql/naming/names.ts";

describe("Rails inflections", () => {
  it.each([
    ["Task", "Tasks"],
    ["Entity", "Entities"],
    ["Mouse", "Mice"],
    ["Taxa", "Taxas"],
    ["Status", "Statuses"],
    ["Person", "People"],
    ["Salesperson", "Salespeople"],
    ["Child", "Children"],
    ["Quiz", "Quizzes"],
    ["Box", "Boxes"],
    ["Wife", "Wives"],
    ["Wolf", "Wolves"],
    ["Datum", "Data"],
    ["Index", "Indices"],
    ["Octopus", "Octopi"],
    ["Fish", "Fish"],
    ["History_incident", "History_incidents"],
    ["Ox", "Oxen"],
  ])("pluralize(%s) = %s", (word, plural) => expect(pluralize(word)).toBe(plural));

  it.each([
    ["item_fields", "item_field"],
    ["attributes", "attribute"],
    ["adminData", "adminDatum"],
    ["precedents", "precedent"],
    ["nlp_similar_incidents", "nlp_similar_incident"],
    ["tsne", "tsne"],
    ["complete_from", "complete_from"],
    ["status", "status"],
    ["movies", "movie"],
    ["categories", "category"],
    ["analyses", "analysis"],
    ["people", "person"],
    ["series", "series"],
  ])("singularize(%s) = %s", (word, single) => expect(singularize(word)).toBe(single));
});

describe("generated names", () => {
  it.each([
    ["task", "Task"],
    ["History_incident", "History_incident"],
    ["quickadd", "Quickadd"],
    // Titles are singularized (observed in the 2024 aiid SDL): collections, custom payloads, embedded titles.
    ["checklists", "Checklist"],
    ["candidates", "Candidate"],
    ["history_incidents", "History_incident"],
    ["UserAdminData", "UserAdminDatum"],
    ["ReportTranslations", "ReportTranslation"],
    ["RisksPayload", "RisksPayload"],
    ["AvailableDays", "AvailableDay"],
    ["taxa", "Taxa"],
    ["Status", "Status"],
    ["series", "Series"],
    ["people", "Person"],
    ["Cool things", "CoolThing"],
    // All suffix: keeps its letters rather than becoming no name.
    ["s", "S"],
  ])("typeNameOf(%s) = %s", (title, name) => expect(typeNameOf(title)).toBe(name));

  it("has no type name for a title without letters", () => {
    expect(typeNameOf("!!!")).toBeUndefined();
    expect(typeNameOf("__hidden")).toBeUndefined();
  });

  it("sanitizes document keys into field names", () => {
    expect(fieldNameOf("user_id")).toBe("user_id");
    expect(fieldNameOf("_partition")).toBe("_partition");
    expect(fieldNameOf("Alleged deployer of AI system")).toBe("AllegedDeployerOfAISystem");
    expect(fieldNameOf("2nd-place")).toBe("ndPlace");
    expect(fieldNameOf("__private")).toBeUndefined();
    expect(fieldNameOf("!!!")).toBeUndefined();
  });

  it("pluralizes naturally or with +s, and never to the singular", () => {
    expect(pluralName("Mouse", true)).toBe("Mice");
    expect(pluralName("Mouse", false)).toBe("Mouses");
    expect(pluralName("Taxa", true)).toBe("Taxas");
    expect(pluralName("Fish", true)).toBe("Fishs");
  });

  it("names root fields from the singular and plural", () => {
    expect(rootNames("Entity", true)).toEqual({
      one: "entity",
      many: "entities",
      insertOne: "insertOneEntity",
      insertMany: "insertManyEntities",
      updateOne: "updateOneEntity",
      updateMany: "updateManyEntities",
      upsertOne: "upsertOneEntity",
      replaceOne: "replaceOneEntity",
      deleteOne: "deleteOneEntity",
      deleteMany: "deleteManyEntities",
    });
    expect(rootNames("Taxa", true).deleteMany).toBe("deleteManyTaxas");
    expect(rootNames("History_incident", true).updateMany).toBe("updateManyHistory_incidents");
  });

  it("names embedded types, sort values and enum values as observed", () => {
    expect(embeddedTypeName("Incident", "tsne")).toBe("IncidentTsne");
    expect(embeddedTypeName("Classification", "attributes")).toBe("ClassificationAttribute");
    expect(embeddedTypeName("TaxaField_list", "item_fields")).toBe("TaxaField_listItem_field");
    expect(embeddedTypeName("User", "adminData")).toBe("UserAdminDatum");
    expect(embeddedTypeName("Checklist", "risks")).toBe("ChecklistRisk");
    expect(embeddedTypeName("Thing", "s")).toBe("ThingS");
    expect(embeddedTypeName("Thing", "_")).toBe("Thing_");
    expect(sortValueName("userId", "ASC")).toBe("USERID_ASC");
    expect(sortValueName("_id", "DESC")).toBe("_ID_DESC");
    expect(enumValueName("InProgress")).toBe("INPROGRESS");
    expect(enumValueName("in progress")).toBe("INPROGRESS");
  });
});

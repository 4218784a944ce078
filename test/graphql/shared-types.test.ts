import { describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import type { AppFiles, JsonObject } from "../../src/config/types.ts";
import { appSchemaOf } from "../../src/graphql/index.ts";
import { normalizeSchema } from "./normalize.ts";
import { ALICE, appWith, harness, withResolver } from "./support.ts";

const str = { bsonType: "string" };
const photo = (extra: JsonObject = {}): JsonObject => ({ title: "Photo", bsonType: "object", properties: { url: str, caption: str, ...extra } });
const id = { bsonType: "objectId" };

interface Case {
  name: string;
  schemas: Record<string, JsonObject>;
  relationships?: Parameters<typeof appWith>[1];
  extra?: (files: AppFiles) => AppFiles;
  /** `Type.field` → expected type. */
  expect: Record<string, string>;
  warnings?: string[];
  /** Type names that must not exist. */
  absent?: string[];
}

const CASES: Case[] = [
  {
    name: "identical titled objects in two collections share one type",
    schemas: {
      "crew.clients": { title: "Client", properties: { _id: id, avatar: photo() } },
      "crew.companies": { title: "Company", properties: { _id: id, logo: photo() } },
    },
    expect: { "Client.avatar": "Photo", "Company.logo": "Photo", "ClientQueryInput.avatar": "PhotoQueryInput", "CompanyInsertInput.logo": "PhotoInsertInput" },
    absent: ["ClientAvatar", "CompanyLogo"],
  },
  {
    name: "in arrays, nested objects and in any property order",
    schemas: {
      "crew.clients": {
        title: "Client",
        properties: {
          _id: id,
          gallery: { bsonType: "array", items: photo() },
          job: { title: "Job", bsonType: "object", properties: { cover: { title: "Photo", bsonType: "object", properties: { caption: str, url: str } } } },
        },
      },
      "crew.projects": { title: "Project", properties: { _id: id, job: { title: "Job", bsonType: "object", properties: { cover: photo() } } } },
    },
    expect: { "Client.gallery": "[Photo]", "Job.cover": "Photo", "Client.job": "Job", "Project.job": "Job" },
    absent: ["ClientGallery", "JobCover", "ClientJob", "ProjectJob"],
  },
  {
    name: "a titled object with other fields gets its positional name",
    schemas: {
      "crew.clients": { title: "Client", properties: { _id: id, avatar: photo() } },
      "crew.companies": { title: "Company", properties: { _id: id, logo: photo({ width: { bsonType: "int" } }) } },
    },
    expect: { "Client.avatar": "Photo", "Company.logo": "CompanyLogo", "CompanyLogo.width": "Int" },
    warnings: ["Company.logo: another embedded object with the title Photo has different fields, so this object's type is named CompanyLogo"],
  },
  {
    name: "required fields are part of what must be identical",
    schemas: {
      "crew.clients": { title: "Client", properties: { _id: id, avatar: photo() } },
      "crew.companies": { title: "Company", properties: { _id: id, logo: { ...photo(), required: ["url"] } } },
    },
    expect: { "Client.avatar": "Photo", "Company.logo": "CompanyLogo", "CompanyLogo.url": "String!" },
    warnings: ["Company.logo: another embedded object with the title Photo has different fields, so this object's type is named CompanyLogo"],
  },
  {
    name: "a title that names a document type is not taken by an embedded object",
    schemas: {
      "crew.clients": { title: "Client", properties: { _id: id, referrer: { title: "Company", bsonType: "object", properties: { name: str } } } },
      "crew.companies": { title: "Company", properties: { _id: id, name: str } },
    },
    expect: { "Client.referrer": "ClientReferrer", "Company.name": "String", "Query.company": "Company" },
    warnings: ["Client.referrer: another generated type is named Company, so this object's type is named ClientReferrer"],
  },
  {
    name: "a relationship on one occurrence only makes them different",
    schemas: {
      "crew.clients": { title: "Client", properties: { _id: id, contact: { title: "Contact", bsonType: "object", properties: { user: str } } } },
      "crew.companies": { title: "Company", properties: { _id: id, contact: { title: "Contact", bsonType: "object", properties: { user: str } } } },
      "crew.users": { title: "User", properties: { _id: id, user_id: str } },
    },
    relationships: { "crew.companies": { "contact.user": { ref: "#/relationship/mongodb-atlas/crew/users", foreign_key: "user_id", is_list: false } } },
    expect: { "Client.contact": "Contact", "Contact.user": "String", "Company.contact": "CompanyContact", "CompanyContact.user": "User" },
    warnings: ["Company.contact: another embedded object with the title Contact has different fields, so this object's type is named CompanyContact"],
  },
  {
    name: "a custom payload with the same title and fields uses the shared type",
    schemas: { "crew.clients": { title: "Client", properties: { _id: id, avatar: photo() } } },
    extra: (files) =>
      withResolver(files, "cover", { on_type: "Query", field_name: "cover", function_name: "cover", payload_type: photo(), payload_type_format: "custom" }),
    expect: { "Query.cover": "Photo", "Client.avatar": "Photo" },
  },
];

describe("titled embedded objects", () => {
  it.each(CASES)("$name", ({ schemas, relationships, extra, expect: expected, warnings = [], absent = [] }) => {
    const app = appSchemaOf(parseApp(appWith(schemas, relationships, extra)));
    expect(app.errors).toEqual([]);
    const schema = normalizeSchema(app.schema!) as Record<string, any>;
    for (const [path, type] of Object.entries(expected)) {
      const [owner, field] = path.split(".");
      const entry = schema[owner]?.fields?.[field];
      expect(typeof entry === "string" ? entry : entry?.type, path).toBe(type);
    }
    for (const name of absent) expect(schema[name], name).toBeUndefined();
    expect(app.warnings).toEqual(warnings);
  });

  it("reads and writes a shared type from each collection", async () => {
    const h = await harness(appWith(CASES[0].schemas));
    const a = await h.run('mutation { insertOneClient(data: { avatar: { url: "a.png", caption: "A" } }) { avatar { url } } }', undefined, ALICE);
    const b = await h.run('mutation { insertOneCompany(data: { logo: { url: "b.png" } }) { logo { url caption } } }', undefined, ALICE);
    expect([a, b]).toEqual([{ data: { insertOneClient: { avatar: { url: "a.png" } } } }, { data: { insertOneCompany: { logo: { url: "b.png", caption: null } } } }]);
    const found = await h.run('{ companies(query: { logo: { url: "b.png" } }) { logo { url } } clients(query: { avatar_exists: true }) { avatar { caption } } }');
    expect(found).toEqual({ data: { companies: [{ logo: { url: "b.png" } }], clients: [{ avatar: { caption: "A" } }] } });
  });
});

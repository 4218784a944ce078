import { describe, expect, it } from "vitest";

import { parseApp } from "../../src/config/index.ts";
import type { AppModel, JsonObject } from "../../src/config/types.ts";
import { appSchemaOf, createGraphQLEndpoint } from "../../src/graphql/index.ts";
import { normalizeSchema } from "./normalize.ts";
import { ALICE, appWith, harness } from "./support.ts";

const RESERVED = 'GraphQL reserves names that start with "__"';
const leftOut = (type: string, names: string) => `${type}: the generated input fields and sort values ${names} are left out: ${RESERVED}`;
const ALL_OPS = "__ne, __gt, __gte, __lt, __lte, __in, __nin, __exists, __unset, __ASC, __DESC";

interface Case {
  name: string;
  schema: JsonObject;
  /** Type → fields that must exist / must not. */
  present: Record<string, string[]>;
  missing: Record<string, string[]>;
  warnings: string[];
}

const CASES: Case[] = [
  {
    // A Realm Sync partition key named `_` (DivtrackerRealm): `_` is a name, `__ne` is not.
    name: "a partition key named _",
    schema: { title: "Quote", required: ["_id"], properties: { _id: { bsonType: "objectId" }, _: { bsonType: "string" }, price: { bsonType: "double" } } },
    present: { Quote: ["_", "price"], QuoteQueryInput: ["_", "_id_ne", "price_ne"], QuoteUpdateInput: ["_", "price_unset"], QuoteInsertInput: ["_"] },
    missing: { QuoteQueryInput: ["__ne", "__exists", "__in"], QuoteUpdateInput: ["__unset"] },
    warnings: [leftOut("Quote", ALL_OPS)],
  },
  {
    name: "a Boolean and an array named _ in an embedded object",
    schema: {
      title: "Quote",
      properties: {
        _id: { bsonType: "objectId" },
        flags: { bsonType: "object", properties: { _: { bsonType: "bool" }, ok: { bsonType: "bool" } } },
        list: { bsonType: "array", items: { bsonType: "object", properties: { _: { bsonType: "array", items: { bsonType: "int" } } } } },
      },
    },
    present: { QuoteFlag: ["_", "ok"], QuoteFlagQueryInput: ["_", "ok_ne"], QuoteList: ["_"] },
    missing: { QuoteFlagQueryInput: ["__ne"], QuoteListQueryInput: ["__in", "__nin"] },
    warnings: [leftOut("QuoteFlag", "__ne, __exists, __unset"), leftOut("QuoteList", "__in, __nin, __exists, __unset")],
  },
  {
    // Renamed as App Services documented it, or left out (`__` keys, keys without a letter).
    name: "keys that are not names are renamed or left out",
    schema: {
      title: "Quote",
      properties: { _id: { bsonType: "objectId" }, "last price": { bsonType: "double" }, __v: { bsonType: "int" }, "!!": { bsonType: "int" }, "42": { bsonType: "int" } },
    },
    present: { Quote: ["_id", "lastPrice"], QuoteQueryInput: ["lastPrice_gt"] },
    missing: { Quote: ["__v"], QuoteQueryInput: ["__v"] },
    warnings: [
      'Quote: the key "42" is left out: it has no letter or _ to start a GraphQL name with',
      `Quote: the key "__v" is left out: ${RESERVED}`,
      'Quote: the key "!!" is left out: it has no letter or _ to start a GraphQL name with',
    ],
  },
];

describe("names GraphQL cannot take", () => {
  it.each(CASES)("$name: the schema is built without them", ({ schema, present, missing, warnings }) => {
    const app = appSchemaOf(parseApp(appWith({ "stocks.quotes": schema })));
    expect(app.errors).toEqual([]);
    const types = normalizeSchema(app.schema!) as Record<string, any>;
    for (const [type, fields] of Object.entries(present)) for (const f of fields) expect(types[type]?.fields, `${type}.${f}`).toHaveProperty(f);
    for (const [type, fields] of Object.entries(missing)) for (const f of fields) expect(types[type]?.fields ?? {}, `${type}.${f}`).not.toHaveProperty(f);
    expect(app.warnings).toEqual(warnings);
  });

  it("leaves the sort values of _ out of the sort enum", () => {
    const app = appSchemaOf(parseApp(appWith({ "stocks.quotes": CASES[0].schema })));
    expect((normalizeSchema(app.schema!) as Record<string, any>).QuoteSortByInput.values).toEqual(["PRICE_ASC", "PRICE_DESC", "_ID_ASC", "_ID_DESC"]);
  });

  it("filters, sorts and writes on the other fields, and on _ by equality", async () => {
    const h = await harness(appWith({ "stocks.quotes": CASES[0].schema }));
    await h.raw("stocks.quotes").insertMany([
      { _: "user=a", price: 2.5 },
      { _: "user=b", price: 1.5 },
      { _: "user=a", price: 3.5 },
    ]);
    const found = await h.run('{ quotes(query: { _: "user=a" }, sortBy: PRICE_DESC) { _ price } }', undefined, ALICE);
    expect(found).toEqual({ data: { quotes: [{ _: "user=a", price: 3.5 }, { _: "user=a", price: 2.5 }] } });
    const updated = await h.run('mutation { updateOneQuote(query: { price: 1.5 }, set: { _: "user=c" }) { _ } }', undefined, ALICE);
    expect(updated).toEqual({ data: { updateOneQuote: { _: "user=c" } } });
    expect((await h.run("{ quotes(query: { __ne: 1 }) { price } }")).errors?.[0].message).toMatch(/__ne/);
  });
});

describe("the endpoint reports what schema generation left out", () => {
  const modelOf = (schema: JsonObject) => parseApp(appWith({ "stocks.quotes": schema }));
  const endpointFor = (models: AppModel[]) => {
    const reports: { warnings: string[]; errors: string[] }[] = [];
    let current = 0;
    const endpoint = createGraphQLEndpoint({
      model: () => models[current],
      service: () => {
        throw new Error("no data needed");
      },
      callFunction: async () => null,
      schemaGenerated: (report) => reports.push(report),
    });
    return { endpoint, reports, next: () => current++ };
  };

  it("once per deployed model, with its warnings", async () => {
    const { endpoint, reports, next } = endpointFor([modelOf(CASES[0].schema), modelOf(CASES[1].schema)]);
    await endpoint.execute({ query: "{ __typename }" }, ALICE);
    await endpoint.execute({ query: "{ __typename }" }, ALICE);
    expect(reports).toEqual([{ warnings: CASES[0].warnings, errors: [] }]);
    next();
    endpoint.schema();
    expect(reports).toEqual([
      { warnings: CASES[0].warnings, errors: [] },
      { warnings: CASES[1].warnings, errors: [] },
    ]);
  });

  it("not at all for a clean schema, and with the errors when there is none", async () => {
    const clean = modelOf({ title: "Quote", properties: { _id: { bsonType: "objectId" } } });
    const empty = parseApp(appWith({}));
    const { endpoint, reports, next } = endpointFor([clean, empty]);
    expect((await endpoint.execute({ query: "{ __typename }" }, ALICE)).data).toEqual({ __typename: "Query" });
    expect(reports).toEqual([]);
    next();
    expect((await endpoint.execute({ query: "{ __typename }" }, ALICE)).errors?.[0].message).toMatch(/no collection has a schema/);
    expect(reports).toEqual([{ warnings: [], errors: [appSchemaOf(empty).errors[0]] }]);
  });
});

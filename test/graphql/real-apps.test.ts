/**
 * The conformance corpus: real exported apps (../shared/golden/real-apps), imported as a
 * user would. Every one with collection schemas or custom resolvers must generate a schema
 * that answers introspection; the others say why there is none.
 */
import { buildSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";

import type { AppModel } from "../../src/config/types.ts";
import { appSchemaOf, createGraphQLEndpoint } from "../../src/graphql/index.ts";
import { goldenMissing, loadRealApp, realAppNames } from "./golden-data.ts";
import { normalizeSchema } from "./normalize.ts";
import { ALICE } from "./support.ts";

type Expectations = {
  /** `Type.field` → its type as printed. */
  fields?: Record<string, string>;
  /** Warnings must all match this (or there must be none). */
  warnings?: RegExp;
};

/** Names App Services generated for these apps (aiid: its 2024 SDL, remoteTypeDefs.ts). */
const EXPECTED: Record<string, Expectations> = {
  "responsible-ai-collaborative__aiid__site-realm": {
    fields: {
      "Query.checklist": "Checklist",
      "Query.checklists": "[Checklist]!",
      "Query.candidates": "[Candidate]!",
      "Query.entities": "[Entity]!",
      "Query.taxas": "[Taxa]!",
      "Query.history_incidents": "[History_incident]!",
      "Query.risks": "[RisksPayloadItem]",
      "RisksPayloadItem.precedents": "[RisksPayloadPrecedent]",
      "RisksPayloadPrecedent.embedding": "RisksPayloadPrecedentEmbedding",
      "RisksPayloadPrecedent.nlp_similar_incidents": "[RisksPayloadPrecedentNlp_similar_incident]",
      "RisksPayloadPrecedent.tsne": "RisksPayloadPrecedentTsne",
      "RisksPayloadPrecedent.AllegedDeployerOfAISystem": "[String]",
      "Checklist.risks": "[ChecklistRisk]",
      "ChecklistRisk.precedents": "[ChecklistRiskPrecedent]",
      "Candidate.classification_similarity": "[CandidateClassification_similarity]",
      "User.adminData": "UserAdminDatum",
      "UserAdminDatum.disabled": "Boolean",
      "Report.translations": "ReportTranslation",
      "Mutation.createVariant": "CreateVariantPayload",
      "Mutation.getUser": "AppUser",
      "Mutation.linkReportsToIncidents": "[Incident]",
      "Mutation.logIncidentHistory": "LogIncidentHistoryPayload",
      "Mutation.processNotifications": "Int",
      "Mutation.deleteManyEntities": "DeleteManyPayload",
      "Mutation.insertOneChecklist": "Checklist",
      "CreateVariantInput.variant": "CreateVariantInputVariant",
    },
  },
  // Realm Sync embedded objects with one title in several collections share one type.
  "haydendavidson11__CREW_Realm_App__root": {
    fields: {
      "Client.address": "Address",
      "Company.address": "Address",
      "CrewMember.avatarImage": "Photo",
      "Company.avatarImage": "Photo",
      "Client.jobs": "[Job]",
      "Company.jobs": "[Job]",
      "Job.comments": "[Comment]",
      "Comment.image": "Photo",
      "CrewMember.availability": "[AvailableDay]",
      "User.userPreferences": "UserPreference",
    },
  },
  // A partition key named `_`: its `__ne`… operators cannot be GraphQL names and are left out.
  "anton-plebanovich__DivtrackerRealm__root": {
    fields: { "SettingsV2RealmModel._": "String", "SettingsV2RealmModelQueryInput._": "String", "SettingsV2RealmModel.ts": "[TaxesV2RealmModel]" },
    warnings: /^\w+: the generated input fields and sort values __ne, .* are left out: GraphQL reserves names that start with "__"$/,
  },
  // No titles: the collection names, singular.
  "mrlynn__stitch-swagstore-export__root": {
    fields: { "Query.orders": "[Order]!", "Query.order": "Order", "Query.preferences": "[Preference]!" },
    warnings: /the schema has no field GraphQL can represent$/,
  },
};

const hasGraphQL = (model: AppModel) => model.collections.some((c) => c.schema !== undefined) || model.graphql.customResolvers.length > 0;

function endpointFor(model: AppModel) {
  return createGraphQLEndpoint({
    model: () => model,
    service: () => {
      throw new Error("introspection reads no data");
    },
    callFunction: async () => null,
  });
}

const apps = realAppNames();
const missing = goldenMissing();

describe("real exported apps: GraphQL", () => {
  if (missing) it.skip(`skipped: ${missing}`, () => {});

  it.each(apps)("%s", async (name) => {
    const loaded = loadRealApp(name);
    if ("error" in loaded) throw new Error(`the app does not load: ${loaded.error}`);
    const { model } = loaded;
    const generated = appSchemaOf(model);
    const response = await endpointFor(model).execute({ query: getIntrospectionQuery() }, ALICE);
    if (!hasGraphQL(model)) {
      // Nothing to generate from: the endpoint says why, as a GraphQL error.
      expect(generated.schema).toBeUndefined();
      expect(response.errors?.[0].message).toMatch(/no collection has a schema yet/);
      return;
    }
    expect(generated.errors).toEqual([]);
    expect(response.errors).toBeUndefined();
    const introspection = response.data as unknown as IntrospectionQuery;
    const typeNames = introspection.__schema.types.map((t) => t.name);
    for (const spec of generated.types) expect(typeNames).toContain(spec.name);
    expect(introspection.__schema.queryType.name).toBe("Query");
    // The printed SDL is a valid schema of its own.
    const printed = printSchema(generated.schema!);
    expect(printSchema(buildSchema(printed))).toBe(printed);

    const expected = EXPECTED[name] ?? {};
    const normal = normalizeSchema(generated.schema!) as Record<string, any>;
    for (const [path, type] of Object.entries(expected.fields ?? {})) {
      const [owner, field] = path.split(".");
      const entry = normal[owner]?.fields?.[field];
      expect(typeof entry === "string" ? entry : entry?.type, path).toBe(type);
    }
    for (const warning of generated.warnings) expect(warning).toMatch(expected.warnings ?? /^$/);
    if (expected.warnings) expect(generated.warnings.length).toBeGreaterThan(0);
  });
});

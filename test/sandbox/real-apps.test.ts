import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { detectConfigVersion } from "../../src/config/index.ts";
import { createGraphQLEndpoint } from "../../src/graphql/index.ts";
import { createSandbox, type ImportNote, type Sandbox } from "../../src/index.ts";
import { userContext } from "../../src/services/request-context.ts";
import { GOLDEN_SKIP_REASON, HAS_GOLDEN, readRealApp, realAppNames } from "../helpers/golden.ts";
import { freshIndexedDB } from "../helpers/idb.ts";

/**
 * The conformance corpus: real exported apps App Services accepted. Each must import as an
 * app of its own, answer the client API under its own app id, export every value it had,
 * import again, and answer GraphQL introspection when it has schemas.
 */
const APPS = realAppNames();

/** Every key and value of `original` is in `exported` (keys the sandbox added are fine). */
function keepsEveryValue(original: unknown, exported: unknown, at: string): string[] {
  if (Array.isArray(original)) {
    if (!Array.isArray(exported) || exported.length !== original.length) return [`${at}: array changed`];
    return original.flatMap((item, i) => keepsEveryValue(item, exported[i], `${at}[${i}]`));
  }
  if (original !== null && typeof original === "object") {
    if (exported === null || typeof exported !== "object" || Array.isArray(exported)) return [`${at}: object changed`];
    return Object.entries(original).flatMap(([key, value]) =>
      key in exported ? keepsEveryValue(value, (exported as Record<string, unknown>)[key], `${at}.${key}`) : [`${at}.${key}: lost`],
    );
  }
  return Object.is(original, exported) ? [] : [`${at}: ${JSON.stringify(original)} became ${JSON.stringify(exported)}`];
}

/** Every leaf (key and scalar value) of a JSON text, as "key=value" strings. */
function leaves(value: unknown, key = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, key));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, k));
  return [`${key}=${JSON.stringify(value)}`];
}

function jsonOf(path: string, text: string): unknown {
  return path.endsWith(".json") ? JSON.parse(text) : text;
}

/** What a conversion changes on purpose, and says so in its notes: the version, and an empty name it replaced. */
const CONVERTED_LEAVES = new Set(["config_version=20200603", "config_version=20180301", 'name=""']);

/** A modern export comes back file for file; an older one keeps every leaf and every source somewhere. */
function losses(input: Record<string, string>, exported: Record<string, string>): string[] {
  if (detectConfigVersion(input) === 20210101) {
    return Object.entries(input).flatMap(([path, text]) =>
      path in exported ? keepsEveryValue(jsonOf(path, text), jsonOf(path, exported[path]), path) : [`${path}: file lost`],
    );
  }
  const out: string[] = [];
  const exportedLeaves = new Set(Object.entries(exported).flatMap(([path, text]) => (path.endsWith(".json") ? leaves(JSON.parse(text)) : [])));
  const exportedTexts = new Set(Object.values(exported));
  for (const [path, text] of Object.entries(input)) {
    if (!path.endsWith(".json")) {
      if (!exportedTexts.has(text)) out.push(`${path}: text lost`);
      continue;
    }
    for (const leaf of leaves(JSON.parse(text))) {
      const isRoot = !path.includes("/");
      if (!exportedLeaves.has(leaf) && !(isRoot && CONVERTED_LEAVES.has(leaf))) out.push(`${path}: ${leaf} lost`);
    }
  }
  return out;
}

describe.skipIf(!HAS_GOLDEN)("real exported apps", () => {
  let sandbox: Sandbox;
  const imported = new Map<string, { appId: string; notes: ImportNote[] }>();

  beforeAll(async () => {
    sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4 });
  });
  afterAll(() => sandbox?.close());

  it("has the fifteen apps of the corpus", () => {
    expect(APPS).toHaveLength(15);
  });

  describe.each(APPS)("%s", (name) => {
    const input = readRealApp(name);

    it("imports as an app of its own, with notes on what is not run", async () => {
      const { app, notes } = await sandbox.apps.import(input, { sourceName: name });
      imported.set(name, { appId: app.appId, notes });
      expect(app.isDefault).toBe(false);
      expect((await sandbox.apps.list()).map((a) => a.appId)).toContain(app.appId);
      for (const note of notes) expect(["normalized", "inert", "kept"]).toContain(note.kind);
      const configAppId = (JSON.parse(input["realm_config.json"] ?? input["config.json"] ?? input["stitch.json"] ?? "{}") as { app_id?: string }).app_id;
      if (configAppId) expect(app.appId).toBe(configAppId);
    });

    it("answers the client API under its own app id", async () => {
      const { appId } = imported.get(name)!;
      const response = await sandbox.fetch(`https://realm.mongodb.com/api/client/v2.0/app/${appId}/location`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ hostname: expect.any(String) });
    });

    it("exports every file and value it had, and imports again", async () => {
      const { appId } = imported.get(name)!;
      const hosted = (await sandbox.apps.get(appId))!;
      const exported = hosted.app.exportApp();
      expect(losses(input, exported)).toEqual([]);
      const again = await sandbox.apps.import(exported, { appId, replace: true });
      expect(again.app.appId).toBe(appId);
      expect(hosted.app.exportApp()).toEqual(exported);
    });

    it("answers GraphQL introspection when it has schemas", async () => {
      const hosted = (await sandbox.apps.get(imported.get(name)!.appId))!;
      const withSchemas = hosted.app.deployed.collections.filter((c) => c.schema !== undefined);
      if (withSchemas.length === 0) return;
      const endpoint = createGraphQLEndpoint({
        model: () => hosted.app.deployed,
        service: (context, service) => hosted.app.mongo(context, service),
        callFunction: async () => null,
      });
      const user = userContext({ id: "u1", type: "normal", data: {}, custom_data: {}, identities: [] });
      const result = await endpoint.execute({ query: getIntrospectionQuery() }, user);
      expect(result.errors).toBeUndefined();
      const types = (result.data as { __schema: { types: { name: string }[] } }).__schema.types.map((t) => t.name);
      expect(types).toContain("Query");
    });
  });

  it("keeps each app apart: its own users, data and log", async () => {
    const [first, second] = [...imported.values()];
    const a = (await sandbox.apps.get(first.appId))!;
    const b = (await sandbox.apps.get(second.appId))!;
    expect(a.app.db.name).not.toBe(b.app.db.name);
    expect(a.app.db.name).not.toBe(sandbox.app.db.name);
  });
});

if (!HAS_GOLDEN) {
  describe("real exported apps", () => {
    it.skip(GOLDEN_SKIP_REASON, () => undefined);
  });
}

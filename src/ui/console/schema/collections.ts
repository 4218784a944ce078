/**
 * The collections of an app as its draft files show them (data_sources/<service>/<db>/
 * <coll>/…), with the files the Schema screen reads and writes. The draft, not the
 * deployed app, is what the screen edits, so a collection added a moment ago is listed.
 */
import type { AppFiles } from "../../state/console-api.ts";
import type { CollectionRef } from "../../state/schema-api.ts";

export interface CollectionEntry extends CollectionRef {
  hasSchema: boolean;
}

const COLLECTION_FILE = /^data_sources\/([^/]+)\/([^/]+)\/([^/]+)\/(schema|rules|relationships)\.json$/;

export function listCollections(files: AppFiles): CollectionEntry[] {
  const found = new Map<string, CollectionEntry>();
  for (const path of Object.keys(files)) {
    const m = COLLECTION_FILE.exec(path);
    if (!m) continue;
    const key = `${m[1]}/${m[2]}/${m[3]}`;
    const entry = found.get(key) ?? { service: m[1], database: m[2], collection: m[3], hasSchema: false };
    if (m[4] === "schema") entry.hasSchema = true;
    found.set(key, entry);
  }
  return [...found.values()].sort((a, b) => namespace(a).localeCompare(namespace(b)) || a.service.localeCompare(b.service));
}

/** The data source new collections go to: "mongodb-atlas" when the app has it, else its first one. */
export function defaultService(files: AppFiles): string | undefined {
  const services = Object.keys(files)
    .map((path) => /^data_sources\/([^/]+)\/config\.json$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
  return services.includes("mongodb-atlas") ? "mongodb-atlas" : services[0];
}

export function namespace(ref: CollectionRef): string {
  return `${ref.database}.${ref.collection}`;
}

export function sameCollection(a: CollectionRef | undefined, b: CollectionRef | undefined): boolean {
  return !!a && !!b && a.service === b.service && a.database === b.database && a.collection === b.collection;
}

export function collectionPath(ref: CollectionRef, file: "schema.json" | "rules.json" | "relationships.json"): string {
  return `data_sources/${ref.service}/${ref.database}/${ref.collection}/${file}`;
}

/** A relationship's `ref` to a collection, and back (the Stitch-era `#/stitch/` form too). */
export function relationshipRef(ref: CollectionRef): string {
  return `#/relationship/${ref.service}/${ref.database}/${ref.collection}`;
}

export function parseRelationshipRef(ref: string): CollectionRef | undefined {
  const m = /^#\/(?:relationship|stitch)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(ref);
  return m ? { service: m[1], database: m[2], collection: m[3] } : undefined;
}

/** JSON as the app directory writes it (4 spaces, final newline), so saved files diff cleanly. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 4) + "\n";
}

/** What the editor offers for a collection with no schema yet: a root object with its ids. */
export function starterSchema(collection: string): string {
  return formatJson({ title: collection, bsonType: "object", properties: { _id: { bsonType: "objectId" } } });
}

/**
 * The files "Add a collection" writes, as the rules editor's Add Collection did with no
 * template: a rule with no roles (every client request is denied until roles exist), no
 * relationships, and no schema (no validation and no GraphQL type until one is saved).
 */
export function newCollectionFiles(ref: CollectionRef): AppFiles {
  return {
    [collectionPath(ref, "rules.json")]: formatJson({ database: ref.database, collection: ref.collection, roles: [], filters: [] }),
    [collectionPath(ref, "relationships.json")]: formatJson({}),
  };
}

/** MongoDB's naming limits, told before anything is saved; undefined when the names are fine. */
export function namespaceProblem(database: string, collection: string): { field: "database" | "collection"; message: string } | undefined {
  if (database === "") return { field: "database", message: "Enter a database name, e.g. tracker." };
  if (/[/\\. "$\0]/.test(database)) return { field: "database", message: 'A database name cannot hold / \\ . " $ or spaces.' };
  if (database.length >= 64) return { field: "database", message: "A database name must be shorter than 64 characters." };
  if (collection === "") return { field: "collection", message: "Enter a collection name, e.g. tasks." };
  if (/[$/\0]/.test(collection)) return { field: "collection", message: "A collection name cannot hold $ or /." };
  if (collection.startsWith("system.")) return { field: "collection", message: 'Collection names starting with "system." are MongoDB\'s own.' };
  return undefined;
}

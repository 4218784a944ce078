import { normalizeValue } from "../bson/normalize.ts";
import { isPlainObject, numericValue, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { Aggregator } from "./engine.ts";
import { queryError } from "./errors.ts";
import { toPipelineView } from "./filter-view.ts";
import { checkResultSize, withMemoryLimit } from "./limits.ts";
import { queryOptions } from "./options.ts";
import { foreignPath, StoredNumbers, traceSources, type Source } from "./aggregate-types.ts";
import { rawValueOf, toQueryValue } from "./view.ts";

/**
 * Runs an aggregation pipeline over documents already read through the caller's
 * policy. `resolveCollection` supplies the documents of `$lookup`/`$unionWith`
 * sources, loaded beforehand because mingo resolves them synchronously.
 */
export function runPipeline(docs: Document[], pipeline: Document[], resolveCollection: (name: string) => Document[]): Document[] {
  try {
    const stages = (toPipelineView(pipeline) as Document[]).flatMap((stage) => ("$count" in stage ? countStages(stage.$count) : [stage]));
    const aggregator = new Aggregator(
      stages,
      queryOptions({ collectionResolver: (name: string) => resolveCollection(name).map((d) => toQueryValue(d) as Document) }),
    );
    // Bounded memory while it runs; results over 16 MB are refused before they are copied.
    const out = withMemoryLimit(() => aggregator.run(docs.map((d) => toQueryValue(d) as Document)) as Document[]);
    for (const doc of out) checkResultSize(doc);
    const restore = numberRestorer(docs, pipeline, resolveCollection);
    return out.map((d) => normalizeValue(structuredCopy(d, rawValueOf(d), "", restore)) as Document);
  } catch (error) {
    throw queryError(error, "pipeline");
  }
}

/**
 * `$count` as MongoDB defines it, a `$group` and a `$project`: no input documents give
 * no output document (mingo's own `$count` returns a count of 0).
 */
function countStages(name: unknown): Document[] {
  if (typeof name !== "string" || name === "" || name === "_id" || name.startsWith("$") || name.includes(".")) {
    throw new AppServicesError("MongoDBError", "the count field must be a non-empty string other than '_id' that does not start with '$' nor contain '.'");
  }
  return [{ $group: { _id: null, [name]: { $sum: 1 } } }, { $project: { _id: 0 } }];
}

type Restorer = (path: string, n: number) => unknown;

/**
 * The stored value a number of a result was copied from (see aggregate-types.ts), found
 * by tracing its path back through the pipeline. The lookup tables are built on first use.
 */
function numberRestorer(docs: Document[], pipeline: Document[], resolveCollection: (name: string) => Document[]): Restorer {
  let source: Source | undefined;
  let local: StoredNumbers | undefined;
  const foreign = new Map<string, StoredNumbers>();
  return (path, n) => {
    source ??= traceSources(pipeline);
    const from = source(path);
    if (from === undefined) return undefined;
    const nul = from.indexOf("\u0000");
    if (nul < 0) return (local ??= new StoredNumbers(docs)).find(from, n);
    const name = from.slice(0, nul);
    if (!foreign.has(name)) foreign.set(name, new StoredNumbers(resolveCollection(name), foreignPath(name, "")));
    return foreign.get(name)!.find(from, n);
  };
}

/**
 * Results may share objects with stored documents; copy before normalizing in place.
 * Where a result still holds a document or array of the query view, numbers that equal
 * the stored value behind it take back its BSON type (a Long stays a Long). mingo may
 * have changed such objects in place, so values are compared, never taken wholesale.
 * Other numbers take the type of the stored value they were copied from, if any.
 */
function structuredCopy(view: unknown, stored: unknown, path: string, restore: Restorer): unknown {
  if (typeof view === "number") {
    if (stored !== null && typeof stored === "object" && numericValue(stored) === view) return stored;
    return restore(path, view) ?? view;
  }
  if (Array.isArray(view)) {
    return view.map((item, i) => structuredCopy(item, childOf(item, Array.isArray(stored) ? stored[i] : undefined), path, restore));
  }
  if (view !== null && typeof view === "object" && Object.getPrototypeOf(view) === Object.prototype) {
    const copy: Document = {};
    for (const key in view as Document) {
      const item = (view as Document)[key];
      copy[key] = structuredCopy(item, childOf(item, isPlainObject(stored) ? stored[key] : undefined), path === "" ? key : `${path}.${key}`, restore);
    }
    return copy;
  }
  return view;
}

function childOf(view: unknown, storedAtPath: unknown): unknown {
  const stored = rawValueOf(view);
  return stored !== view ? stored : storedAtPath;
}

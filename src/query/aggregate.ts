import { Aggregator } from "mingo";

import { normalizeValue } from "../bson/normalize.ts";
import { isPlainObject, numericValue, type Document } from "../bson/types.ts";
import { queryError } from "./errors.ts";
import { queryOptions } from "./options.ts";
import { useBsonOperators } from "./bson-operators.ts";
import { rawValueOf, toQueryValue } from "./view.ts";

/**
 * Runs an aggregation pipeline over documents already read through the caller's
 * policy. `resolveCollection` supplies the documents of `$lookup`/`$unionWith`
 * sources, loaded beforehand because mingo resolves them synchronously.
 */
export function runPipeline(docs: Document[], pipeline: Document[], resolveCollection: (name: string) => Document[]): Document[] {
  try {
    const stages = (toQueryValue(pipeline) as Document[]).map((stage) =>
      "$match" in stage ? { ...stage, $match: useBsonOperators(stage.$match) } : stage,
    );
    const aggregator = new Aggregator(
      stages,
      queryOptions({ collectionResolver: (name: string) => resolveCollection(name).map((d) => toQueryValue(d) as Document) }),
    );
    const out = aggregator.run(docs.map((d) => toQueryValue(d) as Document)) as Document[];
    return out.map((d) => normalizeValue(structuredCopy(d)) as Document);
  } catch (error) {
    throw queryError(error, "pipeline");
  }
}

/**
 * Results may share objects with stored documents; copy before normalizing in place.
 * Where a result still holds a document or array of the query view, numbers that equal
 * the stored value behind it take back its BSON type (a Long stays a Long). mingo may
 * have changed such objects in place, so values are compared, never taken wholesale.
 */
function structuredCopy(view: unknown, stored: unknown = rawValueOf(view)): unknown {
  if (typeof view === "number") return stored !== null && typeof stored === "object" && numericValue(stored) === view ? stored : view;
  if (Array.isArray(view)) return view.map((item, i) => structuredCopy(item, childOf(item, Array.isArray(stored) ? stored[i] : undefined)));
  if (view !== null && typeof view === "object" && Object.getPrototypeOf(view) === Object.prototype) {
    const copy: Document = {};
    for (const key in view as Document) {
      const item = (view as Document)[key];
      copy[key] = structuredCopy(item, childOf(item, isPlainObject(stored) ? stored[key] : undefined));
    }
    return copy;
  }
  return view;
}

function childOf(view: unknown, storedAtPath: unknown): unknown {
  const stored = rawValueOf(view);
  return stored !== view ? stored : storedAtPath;
}

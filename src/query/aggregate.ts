import { Aggregator } from "mingo";

import { normalizeValue } from "../bson/normalize.ts";
import type { Document } from "../bson/types.ts";
import { queryError } from "./errors.ts";
import { queryOptions } from "./options.ts";
import { toQueryValue } from "./view.ts";

/**
 * Runs an aggregation pipeline over documents already read through the caller's
 * policy. `resolveCollection` supplies the documents of `$lookup`/`$unionWith`
 * sources, loaded beforehand because mingo resolves them synchronously.
 */
export function runPipeline(docs: Document[], pipeline: Document[], resolveCollection: (name: string) => Document[]): Document[] {
  try {
    const aggregator = new Aggregator(
      toQueryValue(pipeline) as Document[],
      queryOptions({ collectionResolver: (name: string) => resolveCollection(name).map((d) => toQueryValue(d) as Document) }),
    );
    const out = aggregator.run(docs.map((d) => toQueryValue(d) as Document)) as Document[];
    return out.map((d) => normalizeValue(structuredCopy(d)) as Document);
  } catch (error) {
    throw queryError(error, "pipeline");
  }
}

/** Results may share objects with stored documents; copy before normalizing in place. */
function structuredCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCopy);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Document = {};
    for (const key in value as Document) copy[key] = structuredCopy((value as Document)[key]);
    return copy;
  }
  return value;
}

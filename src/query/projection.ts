import { Query } from "mingo";

import type { Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { queryError } from "./errors.ts";
import { isEmptyObject } from "./matcher.ts";
import { queryOptions } from "./options.ts";
import { toQueryValue } from "./view.ts";

export type Projector = (doc: Document) => Document;

const identity: Projector = (doc) => doc;

/**
 * Compiles a projection. Mixing inclusion and exclusion (other than `_id: 0`) is the
 * MongoDB error it is on the server, raised before any document is read.
 */
export function compileProjection(projection: unknown): Projector {
  if (projection === undefined || projection === null) return identity;
  if (typeof projection !== "object" || Array.isArray(projection)) {
    throw new AppServicesError("InvalidParameter", "projection must be a document");
  }
  const spec = toQueryValue(projection) as Document;
  if (isEmptyObject(spec)) return identity;
  checkProjectionKinds(spec);
  const query = new Query({}, queryOptions());
  return (doc) => {
    try {
      return query.find<Document>([doc], spec).next() as Document;
    } catch (error) {
      throw queryError(error, "projection");
    }
  };
}

function checkProjectionKinds(spec: Document): void {
  let includes = false;
  let excludes = false;
  for (const [key, value] of Object.entries(spec)) {
    if (value !== null && typeof value === "object") continue;
    const include = value === true || (typeof value === "number" && value !== 0);
    if (key === "_id") continue;
    if (include) includes = true;
    else excludes = true;
  }
  if (includes && excludes) {
    throw new AppServicesError("MongoDBError", "projection cannot have a mix of inclusion and exclusion");
  }
}

import { Query } from "mingo";

import { isPlainObject, type Document } from "../bson/types.ts";
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
  const spec = { ...(toQueryValue(projection) as Document) };
  if (isEmptyObject(spec)) return identity;
  if (checkProjectionKinds(spec) === "exclusion" && spec._id) {
    // `_id` is kept by default; naming it beside exclusions is allowed and changes nothing.
    delete spec._id;
    if (isEmptyObject(spec)) return identity;
  }
  const query = new Query({}, queryOptions());
  return (doc) => {
    try {
      return inDocumentOrder(query.find<Document>([doc], spec).next() as Document, doc) as Document;
    } catch (error) {
      throw queryError(error, "projection");
    }
  };
}

/** Projected fields keep the order they have in the document (so `_id` stays first), as on the server. */
function inDocumentOrder(projected: unknown, source: unknown): unknown {
  if (Array.isArray(projected)) {
    return Array.isArray(source) ? projected.map((item, i) => inDocumentOrder(item, source[i])) : projected;
  }
  if (!isPlainObject(projected) || !isPlainObject(source)) return projected;
  const ordered: Document = {};
  for (const key of Object.keys(source)) if (key in projected) ordered[key] = inDocumentOrder(projected[key], source[key]);
  for (const key of Object.keys(projected)) if (!(key in ordered)) ordered[key] = projected[key];
  return ordered;
}

function checkProjectionKinds(spec: Document): "inclusion" | "exclusion" {
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
  return excludes ? "exclusion" : "inclusion";
}

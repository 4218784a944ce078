import { Query } from "mingo";

import type { Document } from "../bson/types.ts";
import { queryError } from "./errors.ts";
import { queryOptions } from "./options.ts";
import { useBsonOperators } from "./bson-operators.ts";
import { toQueryValue } from "./view.ts";

export type Matcher = (doc: Document) => boolean;

/** Compiles a MongoDB filter once; the matcher compares query views of documents. */
export function compileFilter(filter: Document | undefined): Matcher {
  if (!filter || isEmptyObject(filter)) return () => true;
  let query: Query;
  try {
    query = new Query(useBsonOperators(toQueryValue(filter)) as Document, queryOptions());
  } catch (error) {
    throw queryError(error, "query");
  }
  return (doc) => {
    try {
      return query.test(toQueryValue(doc) as Document);
    } catch (error) {
      throw queryError(error, "query");
    }
  };
}

export function isEmptyObject(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

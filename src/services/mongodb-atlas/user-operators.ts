import { isPlainObject, type Document } from "../../bson/types.ts";
import { AppServicesError } from "../../core/app-services-error.ts";

/*
 * What App Services did not run for application users (docs-app-services
 * source/mongodb/crud-and-aggregation-apis.txt, "User Function" columns); system
 * users (system functions, triggers, the console) may use all of it.
 */

/** Query operators available in system functions only. */
const SYSTEM_QUERY_OPERATORS = new Set([
  "$expr", "$jsonSchema", "$text", "$where",
  "$geoIntersects", "$geoWithin", "$near", "$nearSphere",
  "$bitsAllClear", "$bitsAllSet", "$bitsAnyClear", "$bitsAnySet",
]);

/**
 * Aggregation stages refused in a user context. The reference lists `$collStats`,
 * `$currentOp`, `$facet`, `$geoNear`, `$graphLookup`, `$indexStats`, `$merge` and
 * `$out`; the other diagnostic stages of the same family are refused alike.
 */
const SYSTEM_STAGES = new Set([
  "$collStats", "$currentOp", "$facet", "$geoNear", "$graphLookup", "$indexStats", "$merge", "$out",
  "$listLocalSessions", "$listSessions", "$planCacheStats", "$listSearchIndexes",
]);

/** Aggregation operators refused in a user context: the reference lists `$function`; `$accumulator` runs JavaScript too. */
const SYSTEM_EXPRESSIONS = new Set(["$function", "$accumulator", "$where"]);

function refused(what: string, name: string): AppServicesError {
  return new AppServicesError("MongoDBError", `${what} "${name}" is not supported for application users; system functions may use it`, {
    operator: name,
  });
}

/** Throws when a CRUD filter uses an operator App Services kept for system users. */
export function checkUserFilter(filter: unknown): void {
  visitKeys(filter, (key) => {
    if (SYSTEM_QUERY_OPERATORS.has(key)) throw refused("query operator", key);
  });
}

/**
 * Throws when a pipeline uses a stage or operator App Services kept for system users,
 * in sub-pipelines (`$lookup`, `$unionWith`) too. `$expr` stays allowed in `$match`
 * stages: `$lookup` with `let` needs it, and App Services allowed `$lookup`.
 */
export function checkUserPipeline(pipeline: Document[]): void {
  for (const stage of pipeline) {
    if (!isPlainObject(stage)) continue;
    for (const [name, spec] of Object.entries(stage)) {
      if (SYSTEM_STAGES.has(name)) throw refused("aggregation stage", name);
      if ((name === "$lookup" || name === "$unionWith") && isPlainObject(spec) && Array.isArray(spec.pipeline)) {
        checkUserPipeline(spec.pipeline as Document[]);
      }
      visitKeys(spec, (key) => {
        if (SYSTEM_EXPRESSIONS.has(key)) throw refused("aggregation operator", key);
      });
    }
  }
}

function visitKeys(value: unknown, visit: (key: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitKeys(item, visit);
  } else if (isPlainObject(value)) {
    for (const key in value) {
      if (key.startsWith("$")) visit(key);
      visitKeys(value[key], visit);
    }
  }
}

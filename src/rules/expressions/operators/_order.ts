import { type BsonType, bsonTypeOf, isNumericType } from "../../../bson/types.ts";
import { compareValues } from "../../../query/compare.ts";

/**
 * Ordering for `%gt`/`%gte`/`%lt`/`%lte` with MongoDB query rules: values compare only
 * within one type bracket (numbers of any kind with each other, strings with strings,
 * dates with dates…); an array on the left matches when one of its elements does; a
 * missing side never matches. The order itself comes from the query layer.
 */
export function orderedMatch(left: unknown, right: unknown, accept: (order: number) => boolean): boolean {
  if (left === undefined || right === undefined) return false;
  if (Array.isArray(left) && !Array.isArray(right)) {
    for (const item of left) if (comparable(item, right) && accept(compareValues(item, right))) return true;
    return false;
  }
  return comparable(left, right) && accept(compareValues(left, right));
}

function comparable(a: unknown, b: unknown): boolean {
  return bracket(bsonTypeOf(a)) === bracket(bsonTypeOf(b));
}

function bracket(type: BsonType): string {
  if (isNumericType(type)) return "number";
  return type === "uuid" ? "binData" : type;
}

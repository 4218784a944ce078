import { bsonTypeOf, isNumericType, isPlainObject, type BsonType } from "../bson/types.ts";
import type { JsonSchema, SchemaBsonType } from "./types.ts";

/**
 * "Generate a schema from the documents", as the App Services schema editor did it: the
 * title is the collection name, the root is an object, and every field seen in the
 * sample gets the bsonType of its values, with embedded objects and array items
 * described the same way. Properties come in key order, as App Services wrote them.
 * Nothing is marked `required`: the generated schemas App Services wrote had no
 * `required`, and a sample cannot tell a required field from a common one.
 *
 * Where the sample disagrees on a field's type:
 * - `null` beside one type gives `[type, "null"]`, so the documents that hold `null`
 *   still pass and GraphQL still sees one type;
 * - only numbers of different widths (int, long, double, decimal) give `number`;
 * - anything else gives `mixed`, the one type Realm models and App Services
 *   schemas have for "any of several".
 */
export function generateSchema(title: string, documents: Iterable<Record<string, unknown>>): JsonSchema {
  const root = emptyShape();
  let count = 0;
  for (const doc of documents) {
    observe(root, doc);
    count++;
  }
  // An empty collection still has ids: a starting point to write the rest into.
  const properties: Record<string, JsonSchema> = count === 0 ? { _id: { bsonType: "objectId" } } : propertiesOf(root);
  return { title, bsonType: "object", properties };
}

/** What the sample showed of one field: its value types, and the parts of objects and arrays. */
interface Shape {
  types: Set<SchemaBsonType>;
  properties: Map<string, Shape>;
  items: Shape | undefined;
}

function emptyShape(): Shape {
  return { types: new Set(), properties: new Map(), items: undefined };
}

/** BSON types App Services schemas cannot name; a field holding one is `mixed`. */
const UNNAMEABLE: ReadonlySet<BsonType> = new Set(["undefined", "javascript", "symbol", "minKey", "maxKey"]);

function observe(shape: Shape, value: unknown): void {
  const type = bsonTypeOf(value);
  shape.types.add(UNNAMEABLE.has(type) ? "mixed" : (type as SchemaBsonType));
  if (type === "object" && isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      let sub = shape.properties.get(key);
      if (!sub) shape.properties.set(key, (sub = emptyShape()));
      observe(sub, child);
    }
  } else if (type === "array") {
    shape.items ??= emptyShape();
    for (const item of value as unknown[]) observe(shape.items, item);
  }
}

function propertiesOf(shape: Shape): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const key of [...shape.properties.keys()].sort()) out[key] = schemaOf(shape.properties.get(key)!);
  return out;
}

function schemaOf(shape: Shape): JsonSchema {
  const nonNull = [...shape.types].filter((t) => t !== "null");
  const nullable = shape.types.has("null");
  if (nonNull.length === 0) return { bsonType: "null" };
  let type: SchemaBsonType;
  if (nonNull.length === 1) type = nonNull[0];
  else if (nonNull.every((t) => isNumericType(t as BsonType))) type = "number";
  else return { bsonType: "mixed" };

  const node: JsonSchema = { bsonType: nullable && type !== "mixed" ? [type, "null"] : type };
  if (type === "object") node.properties = propertiesOf(shape);
  // Arrays that were always empty say nothing of their items.
  if (type === "array" && shape.items && shape.items.types.size > 0) node.items = schemaOf(shape.items);
  return node;
}

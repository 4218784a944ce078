/**
 * The text a new document starts from: the schema's required fields with an empty value
 * of their BSON type, so a learner sees at once what a valid document needs. `_id` is
 * left out when it is an ObjectId (the insert assigns one).
 */

const EMPTY: Record<string, unknown> = {
  string: "",
  int: 0,
  long: { $numberLong: "0" },
  double: 0.5,
  decimal: { $numberDecimal: "0" },
  number: 0,
  bool: false,
  boolean: false,
  date: { $date: "2024-01-01T00:00:00Z" },
  array: [],
  object: {},
  objectId: { $oid: "000000000000000000000000" },
  uuid: { $binary: { base64: "AAAAAAAAAAAAAAAAAAAAAA==", subType: "04" } },
};

export function newDocumentText(schema: Record<string, unknown> | undefined): string {
  const doc: Record<string, unknown> = {};
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]).filter((r): r is string => typeof r === "string") : [];
  const properties = (schema?.properties ?? {}) as Record<string, { bsonType?: unknown; type?: unknown }>;
  for (const name of required) {
    const declared = properties[name]?.bsonType ?? properties[name]?.type;
    const type = Array.isArray(declared) ? declared[0] : declared;
    if (name === "_id" && (type === "objectId" || type === undefined)) continue;
    doc[name] = typeof type === "string" && type in EMPTY ? EMPTY[type] : null;
  }
  return Object.keys(doc).length ? JSON.stringify(doc, null, 2) : "{\n  \n}";
}

/**
 * `<Type>InsertInput` → document and `<Type>UpdateInput` → update operators. Embedded
 * UpdateInputs merge into the stored object (their `_unset`/`_inc` only make sense that
 * way); arrays are replaced. A RelationInput stores the foreign-key value: `link` as
 * given, or the key of the document `create` inserts (create wins over link).
 */
import type { Document } from "../../bson/types.ts";
import { updateTable } from "../schema/operators.ts";
import { scalarOf, type FieldSpec, type ObjectSpec, type RelationSpec, type ValueShape } from "../schema/spec.ts";
import { toBson } from "./values.ts";

export interface WriteHelpers {
  createRelated(relation: RelationSpec, docs: Document[]): Promise<unknown[]>;
}

type Input = Record<string, unknown>;

/** A document from an InsertInput; also reads the plain fields of an UpdateInput (array elements). */
export async function toDocument(spec: ObjectSpec, input: unknown, helpers: WriteHelpers): Promise<Document> {
  const doc: Document = {};
  if (input === null || typeof input !== "object") return doc;
  for (const field of spec.fields) {
    const value = (input as Input)[field.name];
    if (value === undefined) continue;
    const stored = await storedValue(field, value, helpers);
    if (stored !== undefined) doc[field.key] = stored;
  }
  return doc;
}

async function storedValue(field: FieldSpec, value: unknown, helpers: WriteHelpers): Promise<unknown> {
  if (value === null) return null;
  if (field.relation) return relationValue(field, value as Input, helpers);
  return shapeValue(field.shape, value, helpers);
}

async function shapeValue(shape: ValueShape, value: unknown, helpers: WriteHelpers): Promise<unknown> {
  if (value === null) return null;
  switch (shape.kind) {
    case "scalar":
      return toBson(shape, value);
    case "object":
      return toDocument(shape.object, value, helpers);
    case "list":
      return Promise.all((value as unknown[]).map((item) => shapeValue(shape.item, item, helpers)));
  }
}

/** The value a RelationInput stores, or undefined when it gives neither link nor create. */
async function relationValue(field: FieldSpec, input: Input, helpers: WriteHelpers): Promise<unknown> {
  const relation = field.relation!;
  const source = scalarOf(field.shape)!;
  if (input.create !== undefined && input.create !== null) {
    const creates = relation.isList ? (input.create as unknown[]) : [input.create];
    const docs = await Promise.all(creates.filter((c) => c !== null).map((c) => toDocument(relation.target, c, helpers)));
    const keys = docs.length ? await helpers.createRelated(relation, docs) : [];
    return relation.isList ? keys : keys[0];
  }
  if (input.link === undefined) return undefined;
  if (input.link === null) return null;
  return relation.isList ? (input.link as unknown[]).map((key) => toBson(source, key)) : toBson(source, input.link);
}

/** MongoDB update operators from an UpdateInput; empty when it changes nothing. */
export async function toUpdate(spec: ObjectSpec, input: unknown, helpers: WriteHelpers): Promise<Document> {
  const parts = { $set: {} as Document, $unset: {} as Document, $inc: {} as Document };
  await collectUpdate(spec, input, helpers, "", parts);
  const update: Document = {};
  for (const [op, fields] of Object.entries(parts)) if (Object.keys(fields).length > 0) update[op] = fields;
  return update;
}

async function collectUpdate(spec: ObjectSpec, input: unknown, helpers: WriteHelpers, prefix: string, parts: Record<"$set" | "$unset" | "$inc", Document>): Promise<void> {
  if (input === null || typeof input !== "object") return;
  const table = updateTable(spec);
  for (const [name, value] of Object.entries(input as Input)) {
    const entry = table.get(name);
    if (!entry || value === undefined) continue;
    const { field } = entry;
    const path = prefix + field.key;
    if (entry.op === "unset") {
      if (value === true) parts.$unset[path] = "";
    } else if (entry.op === "inc") {
      if (value !== null) parts.$inc[path] = toBson(scalarOf(field.shape)!, value);
    } else if (value !== null && !field.relation && field.shape.kind === "object") {
      await collectUpdate(field.shape.object, value, helpers, `${path}.`, parts);
    } else {
      const stored = await storedValue(field, value, helpers);
      if (stored !== undefined) parts.$set[path] = stored;
    }
  }
}

import { Timestamp, type Document } from "../bson/types.ts";

export type OperationType = "insert" | "update" | "replace" | "delete";

/** A change event in the MongoDB change-stream shape; both images are always kept here. */
export interface ChangeEvent {
  _id: { _data: string };
  operationType: OperationType;
  clusterTime: Timestamp;
  wallTime: Date;
  ns: { db: string; coll: string };
  documentKey: { _id: unknown };
  fullDocument?: Document;
  fullDocumentBeforeChange?: Document;
  updateDescription?: UpdateDescription;
}

export interface UpdateDescription {
  updatedFields: Document;
  removedFields: string[];
  truncatedArrays: { field: string; newSize: number }[];
}

export function splitNamespace(ns: string): { db: string; coll: string } {
  const dot = ns.indexOf(".");
  return { db: ns.slice(0, dot), coll: ns.slice(dot + 1) };
}

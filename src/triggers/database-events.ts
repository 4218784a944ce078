import type { TriggerConfig } from "../config/types.ts";
import type { Document } from "../bson/types.ts";
import { compileFilter, type Matcher } from "../query/matcher.ts";
import { compileProjection, type Projector } from "../query/projection.ts";
import type { ChangeEvent } from "../storage/change-event.ts";

/** A database trigger with its `match` and `project` compiled once per deploy. */
export interface DatabaseTrigger {
  config: TriggerConfig;
  match: Matcher;
  project: Projector;
  fullDocument: boolean;
  fullDocumentBeforeChange: boolean;
}

/** Compiles a trigger's change-event filter and projection; throws the query error when either is invalid. */
export function compileDatabaseTrigger(config: TriggerConfig): DatabaseTrigger {
  const c = config.config;
  const isDoc = (value: unknown): value is Document => value !== null && typeof value === "object" && !Array.isArray(value);
  return {
    config,
    match: compileFilter(isDoc(c.match) ? c.match : undefined),
    project: compileProjection(isDoc(c.project) ? c.project : undefined),
    fullDocument: c.full_document === true,
    fullDocumentBeforeChange: c.full_document_before_change === true,
  };
}

export function watchesNamespace(trigger: DatabaseTrigger, event: ChangeEvent): boolean {
  const { database, collection, operationTypes } = trigger.config;
  return (
    event.ns.db === database &&
    (collection === undefined || collection === "" || event.ns.coll === collection) &&
    operationTypes.includes(event.operationType.toUpperCase())
  );
}

/**
 * The change event a trigger's function receives, or undefined when `match` filters it
 * out. `fullDocument` is on inserts and replaces, and on updates only with
 * `full_document`; the pre-image only with `full_document_before_change`, never on
 * inserts. `match` sees the event as delivered, before `project` trims it.
 */
export function deliveredEvent(trigger: DatabaseTrigger, event: ChangeEvent): Document | undefined {
  const out: Document = {
    _id: event._id,
    operationType: event.operationType,
    clusterTime: event.clusterTime,
    wallTime: event.wallTime,
    ns: event.ns,
    documentKey: event.documentKey,
  };
  if (event.updateDescription) out.updateDescription = event.updateDescription;
  const op = event.operationType;
  if (event.fullDocument && (op === "insert" || op === "replace" || (op === "update" && trigger.fullDocument))) {
    out.fullDocument = event.fullDocument;
  }
  if (event.fullDocumentBeforeChange && op !== "insert" && trigger.fullDocumentBeforeChange) {
    out.fullDocumentBeforeChange = event.fullDocumentBeforeChange;
  }
  if (!trigger.match(out)) return undefined;
  return trigger.project(out);
}

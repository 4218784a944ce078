import { ObjectId, Timestamp, type Document } from "../bson/types.ts";
import type { SandboxApp } from "../app/app.ts";
import type { TriggerConfig } from "../config/types.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { ChangeEvent, OperationType } from "../storage/change-event.ts";
import { compileDatabaseTrigger, deliveredEvent } from "../triggers/database-events.ts";

/** A made-up event for "fire a test event": its arguments, a label, and why it was not delivered (a match that filters it out). */
export interface SampleEvent {
  args: unknown[];
  label: string;
  filteredOut?: string;
}

const SAMPLE_USER_EMAIL = "test-event@example.com";

/**
 * An event of the shape the trigger's function receives for real: a change event from a
 * document of the watched collection (a made-up one when it is empty) passed through the
 * trigger's match and project; an auth event for a made-up user; nothing for a schedule.
 */
export async function sampleEvent(app: SandboxApp, trigger: TriggerConfig): Promise<SampleEvent> {
  const now = app.clock();
  if (trigger.type === "SCHEDULED") return { args: [], label: "schedule" };
  if (trigger.type === "AUTHENTICATION") {
    const operationType = trigger.operationTypes[0] ?? "CREATE";
    const providers = trigger.providers.length > 0 ? [trigger.providers[0]] : ["local-userpass"];
    const id = new ObjectId().toHexString();
    const user = {
      id,
      type: "normal",
      data: { email: SAMPLE_USER_EMAIL },
      custom_data: {},
      identities: [{ id: new ObjectId().toHexString(), provider_type: providers[0] }],
    };
    return { args: [{ operationType, providers, user, time: new Date(now) }], label: `${operationType} ${providers.join(", ")}` };
  }
  const db = trigger.database ?? "";
  const coll = trigger.collection ?? "";
  const operationType = (trigger.operationTypes[0] ?? "INSERT").toLowerCase() as OperationType;
  let doc: Document | undefined;
  if (db && coll) {
    const found = await app.mongo(SYSTEM_CONTEXT, trigger.serviceName).db(db).collection(coll).find({}, undefined, { limit: 1 });
    doc = found[0] as Document | undefined;
  }
  doc ??= { _id: new ObjectId() };
  const event: ChangeEvent = {
    _id: { _data: new ObjectId().toHexString() },
    operationType,
    clusterTime: new Timestamp({ t: Math.floor(now / 1000), i: 1 }),
    wallTime: new Date(now),
    ns: { db, coll },
    documentKey: { _id: doc._id },
  };
  if (operationType !== "delete") event.fullDocument = doc;
  if (operationType !== "insert") event.fullDocumentBeforeChange = doc;
  if (operationType === "update") event.updateDescription = { updatedFields: {}, removedFields: [], truncatedArrays: [] };
  const label = `${operationType.toUpperCase()} ${db}.${coll}`;
  const delivered = deliveredEvent(compileDatabaseTrigger(trigger), event);
  if (!delivered) return { args: [], label, filteredOut: `the sample ${operationType} event does not pass the match expression, so the trigger would not fire for it` };
  return { args: [delivered], label };
}

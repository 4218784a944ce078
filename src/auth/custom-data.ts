import { EJSON } from "bson";

import type { SandboxApp } from "../app/app.ts";
import { fromEJSON } from "../bson/ejson.ts";
import { ObjectId, type Document } from "../bson/types.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";

/**
 * The custom user data document of a user, read as the system from the collection
 * `auth/custom_user_data.json` names, or undefined when it is disabled or missing.
 * When documents exist with the id both as a string and as an ObjectId, the string
 * one wins, as App Services documents.
 */
export async function readCustomData(app: SandboxApp, userId: string): Promise<Document | undefined> {
  const config = app.deployed.auth.customUserData;
  if (!config.enabled || !config.mongo_service_name || !config.database_name || !config.collection_name || !config.user_id_field) {
    return undefined;
  }
  const ids: unknown[] = [userId];
  if (/^[0-9a-f]{24}$/.test(userId)) ids.push(new ObjectId(userId));
  const docs = await app
    .mongo(SYSTEM_CONTEXT, config.mongo_service_name)
    .db(config.database_name)
    .collection(config.collection_name)
    .find({ [config.user_id_field]: { $in: ids } }, undefined, { limit: 2 });
  return docs.find((doc) => typeof doc[config.user_id_field!] === "string") ?? docs[0];
}

/** Custom data as the `user_data` claim carries it: relaxed Extended JSON, as SDKs read it back. */
export function customDataClaim(doc: Document): Record<string, unknown> {
  return EJSON.serialize(doc, { relaxed: true }) as Record<string, unknown>;
}

/** The `user_data` claim back in the value model, for `%%user.custom_data`. */
export function customDataFromClaim(claim: unknown): Document {
  if (claim === null || typeof claim !== "object" || Array.isArray(claim)) return {};
  try {
    return fromEJSON(claim) as Document;
  } catch {
    return {};
  }
}

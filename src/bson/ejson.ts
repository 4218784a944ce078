import { EJSON } from "bson";

import { AppServicesError } from "../core/app-services-error.ts";
import { normalizeValue } from "./normalize.ts";

/**
 * Canonical Extended JSON in and out. Parsing keeps every BSON type (relaxed: false)
 * and folds the result into the shared value model.
 */
export function parseEJSON(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: false });
  } catch (error) {
    throw new AppServicesError("BadRequest", `invalid Extended JSON: ${(error as Error).message}`);
  }
  return normalizeValue(parsed);
}

/** Turns already-parsed JSON (with `$oid`, `$numberInt`… wrappers) into model values. */
export function fromEJSON(json: unknown): unknown {
  let parsed: unknown;
  try {
    parsed = EJSON.deserialize(json as object, { relaxed: false });
  } catch (error) {
    throw new AppServicesError("BadRequest", `invalid Extended JSON: ${(error as Error).message}`);
  }
  return normalizeValue(parsed);
}

/** Canonical EJSON as a JSON-compatible value. */
export function toEJSON(value: unknown): unknown {
  return EJSON.serialize(value, { relaxed: false });
}

export function stringifyEJSON(value: unknown, indent?: number): string {
  return EJSON.stringify(value, { relaxed: false }, indent);
}

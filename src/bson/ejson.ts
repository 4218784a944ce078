import { EJSON } from "bson";

import { AppServicesError } from "../core/app-services-error.ts";
import { commonFromEJSON, commonToEJSON, NOT_COMMON } from "./ejson-common.ts";
import { normalizeValue } from "./normalize.ts";

/**
 * Canonical Extended JSON in and out. Parsing keeps every BSON type (relaxed: false)
 * and folds the result into the shared value model. Wrappers bson would quietly turn
 * into something else (`{"$date": "nonsense"}` into an invalid date that stores as
 * 1970-01-01, `{"$numberInt": "abc"}` into 0) are refused like any malformed body.
 */
export function parseEJSON(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badEJSON((error as Error).message);
  }
  return fromEJSON(json);
}

/** Turns already-parsed JSON (with `$oid`, `$numberInt`… wrappers) into model values. */
export function fromEJSON(json: unknown): unknown {
  const common = commonFromEJSON(json);
  if (common !== NOT_COMMON) return common;
  let parsed: unknown;
  try {
    checkWrappers(json);
    parsed = EJSON.deserialize(json as object, { relaxed: false });
  } catch (error) {
    if (error instanceof AppServicesError) throw error;
    throw badEJSON((error as Error).message);
  }
  return normalizeValue(parsed);
}

function badEJSON(message: string): AppServicesError {
  return new AppServicesError("BadRequest", `invalid Extended JSON: ${message}`);
}

const INT = /^[-+]?\d+$/;
const DOUBLE = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|-?Infinity|NaN)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The range of a JavaScript Date, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/** Checks the wrappers bson does not check itself; everything else is left to it. */
function checkWrappers(value: unknown): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) checkWrappers(item);
    return;
  }
  const doc = value as Record<string, unknown>;
  for (const key in doc) {
    const item = doc[key];
    if (key.charCodeAt(0) === 36 /* $ */) checkWrapper(key, item);
    checkWrappers(item);
  }
}

function checkWrapper(key: string, value: unknown): void {
  const shown = JSON.stringify(value) ?? String(value);
  switch (key) {
    case "$numberInt":
      if (typeof value !== "string" || !INT.test(value) || Number(value) < -2147483648 || Number(value) > 2147483647) {
        throw badEJSON(`$numberInt must be a string holding a 32-bit integer, found ${shown}`);
      }
      return;
    case "$numberDouble":
      if (typeof value !== "string" || !DOUBLE.test(value)) throw badEJSON(`$numberDouble must be a string holding a number, found ${shown}`);
      return;
    case "$date":
      checkDate(value, shown);
      return;
    case "$binary": {
      const base64 = value !== null && typeof value === "object" ? (value as Record<string, unknown>).base64 : value;
      if (typeof base64 !== "string" || !BASE64.test(base64)) throw badEJSON(`$binary must hold base64 data, found ${shown}`);
      return;
    }
  }
}

/** A date is an ISO-8601 string, a `$numberLong` of milliseconds, or (relaxed) a number of them. */
function checkDate(value: unknown, shown: string): void {
  let ms: number;
  if (typeof value === "string") ms = Date.parse(value);
  else if (typeof value === "number") ms = Number.isInteger(value) ? value : Number.NaN;
  else if (value !== null && typeof value === "object" && typeof (value as { $numberLong?: unknown }).$numberLong === "string") {
    ms = Number((value as { $numberLong: string }).$numberLong);
  } else ms = Number.NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) throw badEJSON(`$date must be an ISO-8601 date or a $numberLong of milliseconds, found ${shown}`);
}

/** Canonical EJSON as a JSON-compatible value. */
export function toEJSON(value: unknown): unknown {
  return EJSON.serialize(value, { relaxed: false });
}

export function stringifyEJSON(value: unknown, indent?: number): string {
  const common = commonToEJSON(value);
  if (common !== NOT_COMMON) return JSON.stringify(common, null, indent);
  return EJSON.stringify(value, { relaxed: false }, indent);
}

import { stringifyEJSON } from "../bson/ejson.ts";
import { Binary, BSONRegExp, Decimal128, Double, Int32, isLong, isPlainObject, Long, MaxKey, MinKey, ObjectId, Timestamp } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { HandlerOutcome, ResponseState } from "./endpoint-function.ts";

/** How a handler's outcome becomes the HTTP response. */
export type ResponseMode =
  /** HTTPS endpoints: the response object's settings, and the return value as the body when `respond_result` is on and no body was set. */
  | { kind: "endpoint"; respondResult: boolean; format: "JSON" | "EJSON" }
  /** Webhooks: any response call means the response object alone decides; else the return value (`respond_result`) as EJSON. */
  | { kind: "webhook"; respondResult: boolean };

/** Statuses whose responses cannot carry a body. */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The response format: the request's `Accept` (application/json or application/ejson)
 * over the endpoint's `return_type`.
 */
export function responseFormat(accept: string | null, returnType: "JSON" | "EJSON"): "JSON" | "EJSON" {
  const value = (accept ?? "").toLowerCase();
  if (value.includes("application/ejson")) return "EJSON";
  if (value.includes("application/json")) return "JSON";
  return returnType;
}

export function handlerResponse(outcome: HandlerOutcome, mode: ResponseMode): Response {
  const state = outcome.response;
  const headers = responseHeaders(state);
  let body: Uint8Array<ArrayBuffer> | string | undefined = state.body === undefined ? undefined : bodyBytes(state.body);
  let status = state.status === undefined ? undefined : statusCode(state.status);
  const fromResult = mode.kind === "endpoint" ? mode.respondResult && body === undefined : mode.respondResult && !state.touched;
  if (fromResult) {
    const format = mode.kind === "endpoint" ? mode.format : "EJSON";
    body = format === "JSON" ? JSON.stringify(toDataApiJson(outcome.result) ?? null) : stringifyEJSON(outcome.result ?? null);
    if (!headers.has("content-type")) headers.set("content-type", format === "JSON" ? "application/json" : "application/ejson");
  }
  status ??= fromResult || state.touched ? 200 : 204;
  return new Response(NULL_BODY.has(status) ? null : (body ?? null), { status, headers });
}

function responseHeaders(state: ResponseState): Headers {
  const headers = new Headers();
  for (const [op, name, value] of state.headers) {
    try {
      if (op === "add") headers.append(name, value);
      else headers.set(name, value);
    } catch (error) {
      throw new AppServicesError("FunctionExecutionError", `response.${op}Header("${name}", …): ${(error as Error).message}`);
    }
  }
  return headers;
}

function bodyBytes(body: unknown): Uint8Array<ArrayBuffer> | string {
  if (typeof body === "string") return body;
  if (body instanceof Binary) return new Uint8Array(body.buffer.subarray(0, body.position));
  throw new AppServicesError("FunctionExecutionError", "response.setBody takes a string or a BSON.Binary");
}

function statusCode(value: unknown): number {
  const code = typeof value === "number" ? value : value instanceof Double || value instanceof Int32 ? value.value : isLong(value) ? value.toNumber() : NaN;
  // The fetch API cannot send informational (1xx) statuses.
  if (!Number.isInteger(code) || code < 200 || code > 599) {
    throw new AppServicesError("FunctionExecutionError", `response.setStatusCode: ${String(value)} is not an HTTP status code from 200 to 599`);
  }
  return code;
}

/**
 * A value as App Services' plain JSON format wrote it: dates as ISO strings, ObjectIds
 * as hex, every number as a number, Decimal128 as a string, and the remaining BSON
 * types as small objects.
 * https://www.mongodb.com/docs/atlas/app-services/data-api/data-formats/
 */
export function toDataApiJson(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map((v) => toDataApiJson(v) ?? null);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof RegExp) return { Pattern: value.source, Options: value.flags };
  if (value instanceof BSONRegExp) return { Pattern: value.pattern, Options: value.options };
  if (value instanceof Timestamp) return { T: value.t, I: value.i };
  if (isLong(value)) return (value as Long).toNumber();
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (value instanceof Decimal128) return value.toString();
  if (value instanceof ObjectId) return value.toHexString();
  if (value instanceof Binary) return { Subtype: value.sub_type, Data: value.toString("base64") };
  if (value instanceof MinKey || value instanceof MaxKey) return {};
  if (isPlainObject(value) || typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[key] = toDataApiJson(v);
    }
    return out;
  }
  return null;
}

import { parseEJSON, stringifyEJSON } from "../bson/ejson.ts";
import { isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";

/** The largest request body accepted, as MongoDB's document limit. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const JSON_HEADERS = { "content-type": "application/json" };

/** A plain JSON body (auth responses hold no BSON values). */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** Canonical Extended JSON, as function and service results go out. */
export function ejsonResponse(value: unknown, status = 200): Response {
  return new Response(stringifyEJSON(value === undefined ? null : value), { status, headers: JSON_HEADERS });
}

/**
 * No body and no content type: realm-web reads a missing content type as "no
 * content", while `text/plain` (what an empty string body gets) makes it throw.
 */
export function emptyResponse(status = 204): Response {
  return new Response(null, { status });
}

/** The body as text, refusing more than `limit` bytes without buffering past it. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const bytes = await readBodyBytes(request, limit);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppServicesError("BadRequest", "request body is not valid UTF-8");
  }
}

/** The body's bytes (HTTPS endpoints take any payload), refusing more than `limit`. */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppServicesError("PayloadTooLarge", `request body is larger than the limit of ${limit} bytes`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Parses a canonical Extended JSON request body that must be a document. */
export function parseBodyDocument(text: string): Document {
  if (text.trim() === "") throw new AppServicesError("BadRequest", "request body is empty; expected a JSON object");
  let value: unknown;
  try {
    value = parseEJSON(text);
  } catch (error) {
    if (error instanceof AppServicesError) throw error;
    // Pathological input (e.g. nesting deep enough to exhaust the stack) is still the client's fault.
    throw new AppServicesError("BadRequest", `invalid Extended JSON: ${(error as Error)?.message ?? String(error)}`);
  }
  if (!isPlainObject(value)) throw new AppServicesError("BadRequest", "request body must be a JSON object");
  return value;
}

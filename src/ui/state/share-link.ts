import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";

import type { RunAs } from "./console-store.ts";

/** What a shared playground link carries. Nothing of it runs until the person who opens it presses Run. */
export interface Share {
  query: string;
  variables?: string;
  headers?: string;
  operationName?: string;
  runAs?: RunAs;
}

export interface ShareLinkInfo {
  url: string;
  /** Header names left out because they carry credentials (or `HEADERS_NOT_JSON` when the headers could not be read). */
  dropped: string[];
}

/** The hash parameter that holds a share. */
export const SHARE_PARAM = "share";
/** Stands in `dropped` when the headers were not a JSON object, so all of them were left out. */
export const HEADERS_NOT_JSON = "(headers that are not a JSON object)";

/** A decompressed share larger than this is refused: a link is never meant to hold more. */
const MAX_SHARE_BYTES = 2 * 1024 * 1024;
const FORMAT_VERSION = 1;

/** The short keys keep links short; `v` lets a later format tell old links apart. */
interface Encoded {
  v: number;
  q: string;
  x?: string;
  h?: string;
  o?: string;
  r?: RunAs;
}

/** A link to the playground of the page at `base` that opens `share` in a new tab. */
export function shareLink(base: string, share: Share): string {
  return shareLinkWithInfo(base, share).url;
}

/** As `shareLink`, and says which headers were left out because they looked like credentials. */
export function shareLinkWithInfo(base: string, share: Share): ShareLinkInfo {
  const { headers, dropped } = shareableHeaders(share.headers);
  const encoded: Encoded = { v: FORMAT_VERSION, q: share.query };
  if (share.variables?.trim()) encoded.x = share.variables;
  if (headers) encoded.h = headers;
  if (share.operationName) encoded.o = share.operationName;
  if (share.runAs) encoded.r = share.runAs.kind === "user" ? { kind: "user", userId: share.runAs.userId, email: share.runAs.email } : { kind: "system" };
  const data = toBase64Url(deflateSync(strToU8(JSON.stringify(encoded)), { level: 9 }));
  return { url: `${base.split("#")[0]}#/playground?${SHARE_PARAM}=${data}`, dropped };
}

/**
 * The share in a hash's query (`share=…`, `?share=…` or a whole `#/playground?share=…`);
 * undefined when there is none or it cannot be read (cut short, edited, from a later format). Never throws.
 */
export function readShare(hashQuery: string): Share | undefined {
  try {
    const query = hashQuery.includes("?") ? hashQuery.slice(hashQuery.indexOf("?") + 1) : hashQuery;
    const data = new URLSearchParams(query).get(SHARE_PARAM);
    if (!data) return undefined;
    const bytes = inflateSync(fromBase64Url(data), { out: new Uint8Array(MAX_SHARE_BYTES) });
    return decoded(JSON.parse(strFromU8(bytes)));
  } catch {
    return undefined;
  }
}

/** A human sentence for what `dropped` lists, or "" when nothing was left out. */
export function describeDropped(dropped: readonly string[]): string {
  if (dropped.length === 0) return "";
  if (dropped.includes(HEADERS_NOT_JSON)) return "The headers were left out: they are not a JSON object, so the link could not check them for credentials.";
  const names = dropped.map((name) => `"${name}"`).join(", ");
  return `Left out because ${dropped.length === 1 ? "it looks" : "they look"} like ${dropped.length === 1 ? "a credential" : "credentials"}: the ${names} header${dropped.length === 1 ? "" : "s"}. The playground's Run as brings its own session, so the query works without ${dropped.length === 1 ? "it" : "them"}.`;
}

function decoded(value: unknown): Share | undefined {
  if (!isObject(value) || value.v !== FORMAT_VERSION || typeof value.q !== "string") return undefined;
  const share: Share = { query: value.q };
  if (typeof value.x === "string") share.variables = value.x;
  if (typeof value.h === "string") share.headers = value.h;
  if (typeof value.o === "string" && value.o) share.operationName = value.o;
  const runAs = value.r;
  if (isObject(runAs) && runAs.kind === "system") share.runAs = { kind: "system" };
  else if (isObject(runAs) && runAs.kind === "user" && typeof runAs.userId === "string" && typeof runAs.email === "string") {
    share.runAs = { kind: "user", userId: runAs.userId, email: runAs.email };
  }
  return share;
}

/**
 * The headers text without anything that looks like a credential. Kept verbatim (comments
 * and all) when nothing had to go; rewritten as JSON otherwise.
 */
export function shareableHeaders(text: string | undefined): { headers?: string; dropped: string[] } {
  if (!text?.trim()) return { dropped: [] };
  const parsed = parseJsonObject(text);
  if (!parsed) return { dropped: [HEADERS_NOT_JSON] };
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (looksLikeCredential(name, value)) dropped.push(name);
    else kept[name] = value;
  }
  if (dropped.length === 0) return { headers: text, dropped };
  return { headers: Object.keys(kept).length ? JSON.stringify(kept, null, 2) : undefined, dropped };
}

const CREDENTIAL_NAME = /auth|token|secret|password|passwd|api[-_]?key|session|cookie|credential|jwt|signature/i;
const CREDENTIAL_SCHEME = /^\s*(bearer|basic|token|digest)\s+\S/i;
const JWT = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/;
/** Long runs of token alphabet with no spaces: API keys, hashes, session ids. */
const OPAQUE = /^[A-Za-z0-9+/=_\-.~]{24,}$/;

function looksLikeCredential(name: string, value: unknown): boolean {
  if (CREDENTIAL_NAME.test(name)) return true;
  if (typeof value !== "string") return false;
  const v = value.trim();
  return CREDENTIAL_SCHEME.test(v) || JWT.test(v) || (OPAQUE.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v));
}

/** A JSON object, allowing the comments the headers editor accepts; undefined for anything else. */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  for (const candidate of [text, withoutComments(text)]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (isObject(value)) return value;
      return undefined;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

/** `//` and `/* *\/` comments removed, leaving strings alone. */
function withoutComments(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, string: string | undefined) => string ?? "");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

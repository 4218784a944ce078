/**
 * HS256 JSON Web Tokens over WebCrypto, which Node 20, browsers and workers share.
 * Only what the sandbox mints is accepted back: alg HS256, a valid signature.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Undefined when the text is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", secret as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

const HEADER = base64UrlEncode(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

export async function signJwt(payload: Record<string, unknown>, key: CryptoKey): Promise<string> {
  const body = `${HEADER}.${base64UrlEncode(encoder.encode(JSON.stringify(payload)))}`;
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `${body}.${base64UrlEncode(signature)}`;
}

/** The payload of a token this key signed, or undefined for anything else. */
export async function verifyJwt(token: string, key: CryptoKey): Promise<Record<string, unknown> | undefined> {
  if (typeof token !== "string" || token.length > 65536) return undefined;
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts;
  const headerJson = parseJsonObject(base64UrlDecode(header));
  if (!headerJson || headerJson.alg !== "HS256") return undefined;
  const signatureBytes = base64UrlDecode(signature);
  if (!signatureBytes) return undefined;
  const valid = await crypto.subtle.verify("HMAC", key, signatureBytes as BufferSource, encoder.encode(`${header}.${payload}`));
  return valid ? parseJsonObject(base64UrlDecode(payload)) : undefined;
}

/** The payload without checking the signature, for diagnostics only. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = typeof token === "string" ? token.split(".") : [];
  return parts.length === 3 ? parseJsonObject(base64UrlDecode(parts[1])) : undefined;
}

function parseJsonObject(bytes: Uint8Array | undefined): Record<string, unknown> | undefined {
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

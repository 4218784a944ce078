/** Random bytes; injected so ids and tokens are deterministic in tests. */
export type RandomBytes = (length: number) => Uint8Array;

export const cryptoRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** An ObjectId as 24 hex digits: creation second from the clock, then 8 random bytes. */
export function objectIdHex(now: number, random: RandomBytes): string {
  const seconds = Math.floor(now / 1000) >>> 0;
  return seconds.toString(16).padStart(8, "0") + toHex(random(8));
}

/** An opaque random token, e.g. for confirmation links. */
export function randomToken(random: RandomBytes, bytes = 32): string {
  return toHex(random(bytes));
}

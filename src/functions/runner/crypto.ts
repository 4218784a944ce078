/* eslint-disable */
/**
 * `utils.crypto` and `utils.jwt` for function code: synchronous, as App Services offers
 * them, so they are implemented here rather than over WebCrypto (which is async).
 *
 * This function is sent to runners as source text (Function.prototype.toString), so it
 * must stay self-contained: no imports, no references to module scope.
 */
export function createFunctionUtils(BSON: any): { crypto: Record<string, unknown>; jwt: Record<string, unknown> } {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function bytesOf(input: any): Uint8Array {
    if (typeof input === "string") return encoder.encode(input);
    if (input instanceof Uint8Array) return input;
    if (input && input._bsontype === "Binary") return input.value(true) ?? input.buffer;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    throw new TypeError("expected a string or a BSON.Binary");
  }

  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

  // Round constants derived from primes rather than pasted tables: exact with BigInt.
  function primes(count: number): number[] {
    const out: number[] = [];
    for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
    return out;
  }
  function iroot(value: bigint, k: bigint): bigint {
    // Newton's method from above: start at a power of two no smaller than the root.
    let x = 1n << BigInt(Math.ceil(value.toString(2).length / Number(k)));
    for (;;) {
      const next = ((k - 1n) * x + value / x ** (k - 1n)) / k;
      if (next >= x) break;
      x = next;
    }
    while (x ** k > value) x -= 1n;
    return x;
  }
  function fractionBits(p: number, root: bigint, bits: bigint): bigint {
    return iroot(BigInt(p) << (bits * root), root) & ((1n << bits) - 1n);
  }

  /** Merkle–Damgård padding with a big- or little-endian bit length. */
  function pad(bytes: Uint8Array, blockSize: number, lengthBytes: number, littleEndian: boolean): Uint8Array {
    const total = Math.ceil((bytes.length + 1 + lengthBytes) / blockSize) * blockSize;
    const out = new Uint8Array(total);
    out.set(bytes);
    out[bytes.length] = 0x80;
    let bitLength = BigInt(bytes.length) * 8n;
    for (let i = 0; i < lengthBytes; i++) {
      const index = littleEndian ? total - lengthBytes + i : total - 1 - i;
      out[index] = Number(bitLength & 0xffn);
      bitLength >>= 8n;
    }
    return out;
  }

  function md5(bytes: Uint8Array): Uint8Array {
    const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
    const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    const data = pad(bytes, 64, 8, true);
    const view = new DataView(data.buffer);
    let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
    for (let off = 0; off < data.length; off += 64) {
      let a = a0, b = b0, c = c0, d = d0;
      for (let i = 0; i < 64; i++) {
        let f: number, g: number;
        if (i < 16) (f = (b & c) | (~b & d)), (g = i);
        else if (i < 32) (f = (d & b) | (~d & c)), (g = (5 * i + 1) % 16);
        else if (i < 48) (f = b ^ c ^ d), (g = (3 * i + 5) % 16);
        else (f = c ^ (b | ~d)), (g = (7 * i) % 16);
        const temp = d;
        d = c;
        c = b;
        b = (b + rotl((a + f + K[i] + view.getUint32(off + g * 4, true)) | 0, S[(i >> 4) * 4 + (i % 4)])) | 0;
        a = temp;
      }
      a0 = (a0 + a) | 0; b0 = (b0 + b) | 0; c0 = (c0 + c) | 0; d0 = (d0 + d) | 0;
    }
    const out = new DataView(new ArrayBuffer(16));
    [a0, b0, c0, d0].forEach((v, i) => out.setUint32(i * 4, v >>> 0, true));
    return new Uint8Array(out.buffer);
  }

  function sha1(bytes: Uint8Array): Uint8Array {
    const data = pad(bytes, 64, 8, false);
    const view = new DataView(data.buffer);
    const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
    const w = new Int32Array(80);
    for (let off = 0; off < data.length; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + i * 4);
      for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
      let [a, b, c, d, e] = h;
      for (let i = 0; i < 80; i++) {
        const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
        const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
        const temp = (rotl(a, 5) + f + e + k + w[i]) | 0;
        e = d; d = c; c = rotl(b, 30); b = a; a = temp;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
    }
    const out = new DataView(new ArrayBuffer(20));
    h.forEach((v, i) => out.setUint32(i * 4, v >>> 0));
    return new Uint8Array(out.buffer);
  }

  let sha256Constants: { k: number[]; iv: number[] } | undefined;
  function sha256(bytes: Uint8Array): Uint8Array {
    if (!sha256Constants) {
      const p = primes(64);
      sha256Constants = {
        k: p.map((q) => Number(fractionBits(q, 3n, 32n))),
        iv: p.slice(0, 8).map((q) => Number(fractionBits(q, 2n, 32n))),
      };
    }
    const { k, iv } = sha256Constants;
    const data = pad(bytes, 64, 8, false);
    const view = new DataView(data.buffer);
    const h = iv.map((v) => v | 0);
    const w = new Int32Array(64);
    for (let off = 0; off < data.length; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) | 0));
    }
    const out = new DataView(new ArrayBuffer(32));
    h.forEach((v, i) => out.setUint32(i * 4, v >>> 0));
    return new Uint8Array(out.buffer);
  }

  let sha512Constants: { k: bigint[]; iv512: bigint[]; iv384: bigint[] } | undefined;
  function sha512(bytes: Uint8Array, variant: 384 | 512): Uint8Array {
    if (!sha512Constants) {
      const p = primes(80);
      sha512Constants = {
        k: p.map((q) => fractionBits(q, 3n, 64n)),
        iv512: p.slice(0, 8).map((q) => fractionBits(q, 2n, 64n)),
        iv384: p.slice(8, 16).map((q) => fractionBits(q, 2n, 64n)),
      };
    }
    const M = (1n << 64n) - 1n;
    const r = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M;
    const { k } = sha512Constants;
    const h = (variant === 512 ? sha512Constants.iv512 : sha512Constants.iv384).slice();
    const data = pad(bytes, 128, 16, false);
    const view = new DataView(data.buffer);
    const w: bigint[] = new Array(80);
    for (let off = 0; off < data.length; off += 128) {
      for (let i = 0; i < 16; i++) w[i] = view.getBigUint64(off + i * 8);
      for (let i = 16; i < 80; i++) {
        const s0 = r(w[i - 15], 1n) ^ r(w[i - 15], 8n) ^ (w[i - 15] >> 7n);
        const s1 = r(w[i - 2], 19n) ^ r(w[i - 2], 61n) ^ (w[i - 2] >> 6n);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) & M;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 80; i++) {
        const t1 = (hh + (r(e, 14n) ^ r(e, 18n) ^ r(e, 41n)) + ((e & f) ^ (~e & M & g)) + k[i] + w[i]) & M;
        const t2 = ((r(a, 28n) ^ r(a, 34n) ^ r(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M;
        hh = g; g = f; f = e; e = (d + t1) & M; d = c; c = b; b = a; a = (t1 + t2) & M;
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i] + v) & M));
    }
    const out = new DataView(new ArrayBuffer(64));
    h.forEach((v, i) => out.setBigUint64(i * 8, v));
    return new Uint8Array(out.buffer, 0, variant / 8);
  }

  const HASHES: Record<string, { fn: (b: Uint8Array) => Uint8Array; block: number }> = {
    md5: { fn: md5, block: 64 },
    sha1: { fn: sha1, block: 64 },
    sha256: { fn: sha256, block: 64 },
    sha384: { fn: (b) => sha512(b, 384), block: 128 },
    sha512: { fn: (b) => sha512(b, 512), block: 128 },
  };

  function hashOf(name: unknown) {
    const entry = HASHES[String(name).toLowerCase().replace(/-/g, "")];
    if (!entry) throw new Error(`unsupported hash function "${name}"; use one of ${Object.keys(HASHES).join(", ")}`);
    return entry;
  }

  function hmacBytes(hashName: string, key: Uint8Array, message: Uint8Array): Uint8Array {
    const { fn, block } = hashOf(hashName);
    let k = key.length > block ? fn(key) : key;
    const padded = new Uint8Array(block);
    padded.set(k);
    const inner = new Uint8Array(block + message.length);
    const outer = new Uint8Array(block + fn(new Uint8Array(0)).length);
    for (let i = 0; i < block; i++) {
      inner[i] = padded[i] ^ 0x36;
      outer[i] = padded[i] ^ 0x5c;
    }
    inner.set(message, block);
    outer.set(fn(inner), block);
    return fn(outer);
  }

  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const base64 = (b: Uint8Array) => btoa(Array.from(b, (x) => String.fromCharCode(x)).join(""));
  const base64url = (b: Uint8Array) => base64(b).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const fromBase64url = (s: string) => {
    const text = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
    return Uint8Array.from(text, (c) => c.charCodeAt(0));
  };
  const binary = (b: Uint8Array) => new BSON.Binary(b, 0);
  const unsupported = (what: string) => () => {
    throw new Error(`utils.crypto.${what} is not available in the sandbox`);
  };

  const crypto = {
    /** hash(name, input) → BSON.Binary */
    hash: (name: string, input: unknown) => binary(hashOf(name).fn(bytesOf(input))),
    /** hmac(input, secret, hashName, "hex" | "base64") → string */
    hmac(input: unknown, secret: unknown, hashName: string, format = "hex") {
      const mac = hmacBytes(hashName, bytesOf(secret), bytesOf(input));
      if (format === "hex") return hex(mac);
      if (format === "base64") return base64(mac);
      throw new Error(`unsupported output format "${format}"; use "hex" or "base64"`);
    },
    encrypt: unsupported("encrypt"),
    decrypt: unsupported("decrypt"),
    sign: unsupported("sign"),
    verify: unsupported("verify"),
  };

  const JWT_HASH: Record<string, string> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };
  const jwtHash = (alg: string) => {
    const name = JWT_HASH[alg];
    if (!name) throw new Error(`unsupported JWT signing method "${alg}"; the sandbox signs HS256, HS384 and HS512`);
    return name;
  };
  const jwt = {
    encode(signingMethod: string, payload: unknown, secret: string, customHeaderFields: Record<string, unknown> = {}) {
      const header = { ...customHeaderFields, alg: signingMethod, typ: "JWT" };
      const body = `${base64url(encoder.encode(JSON.stringify(header)))}.${base64url(encoder.encode(JSON.stringify(payload)))}`;
      return `${body}.${base64url(hmacBytes(jwtHash(signingMethod), bytesOf(secret), encoder.encode(body)))}`;
    },
    decode(token: string, key?: string, returnHeader = false) {
      const parts = String(token).split(".");
      if (parts.length !== 3) throw new Error("invalid JWT: expected three dot-separated parts");
      const header = JSON.parse(decoder.decode(fromBase64url(parts[0])));
      const payload = JSON.parse(decoder.decode(fromBase64url(parts[1])));
      if (key !== undefined) {
        const expected = base64url(hmacBytes(jwtHash(header.alg), bytesOf(key), encoder.encode(`${parts[0]}.${parts[1]}`)));
        if (expected !== parts[2]) throw new Error("invalid JWT signature");
      }
      return returnHeader ? { header, payload } : payload;
    },
  };
  return { crypto, jwt };
}

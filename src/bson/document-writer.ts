import { Double, ObjectId } from "bson";

/**
 * BSON bytes for documents made of the common types (strings, numbers, booleans, null,
 * ObjectIds, dates, embedded documents and arrays), written straight into one buffer.
 * In the browser, bson builds a TextEncoder and a new array for every key and string it
 * writes, which makes storing 10,000 small documents cost about as much as IndexedDB
 * storing them. The bytes are exactly bson's (test/bson/document-writer.test.ts); any
 * other value, an undefined, a key bson would refuse or a document too large for the
 * buffer answers `undefined`, and the caller lets bson write that document.
 */
/** Answers the number of bytes written at the start of `buffer`. */
export function writeCommonDocument(doc: Record<string, unknown>, buffer: Uint8Array): number | undefined {
  if (!isPlainDocument(doc)) return undefined;
  const writer = new Writer(buffer);
  return writer.document(doc, 0) ? writer.at : undefined;
}

const MAX_DEPTH = 100;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const utf8 = new TextEncoder();

class Writer {
  at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Writes a document (or an array's document); false when it holds something this writer leaves to bson. */
  document(value: Record<string, unknown> | unknown[], depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const start = this.at;
    if (!this.room(5)) return false;
    this.at += 4;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!this.element(String(i), value[i], depth)) return false;
    } else {
      for (const key of Object.keys(value)) if (!this.element(key, value[key], depth)) return false;
    }
    if (!this.room(1)) return false;
    this.bytes[this.at++] = 0;
    this.view.setInt32(start, this.at - start, true);
    return true;
  }

  private element(key: string, value: unknown, depth: number): boolean {
    const typeAt = this.at;
    if (!this.room(1)) return false;
    this.at++;
    if (!this.cstring(key)) return false;
    let type: number;
    switch (typeof value) {
      case "string":
        type = 0x02;
        if (!this.string(value)) return false;
        break;
      case "number":
        if (Number.isSafeInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0)) {
          type = 0x10;
          if (!this.room(4)) return false;
          this.view.setInt32(this.at, value, true);
          this.at += 4;
        } else {
          type = 0x01;
          if (!this.double(value)) return false;
        }
        break;
      case "boolean":
        type = 0x08;
        if (!this.room(1)) return false;
        this.bytes[this.at++] = value ? 1 : 0;
        break;
      case "object":
        if (value === null) {
          type = 0x0a;
        } else if (value instanceof ObjectId) {
          type = 0x07;
          if (!this.room(12)) return false;
          this.bytes.set(value.id, this.at);
          this.at += 12;
        } else if (value instanceof Double) {
          type = 0x01;
          if (!this.double(value.value)) return false;
        } else if (value instanceof Date) {
          const time = value.getTime();
          if (!Number.isSafeInteger(time)) return false;
          type = 0x09;
          if (!this.room(8)) return false;
          this.view.setBigInt64(this.at, BigInt(time), true);
          this.at += 8;
        } else if (Array.isArray(value)) {
          type = 0x04;
          if (!this.document(value, depth + 1)) return false;
        } else if (isPlainDocument(value)) {
          type = 0x03;
          if (!this.document(value as Record<string, unknown>, depth + 1)) return false;
        } else {
          return false;
        }
        break;
      default:
        return false;
    }
    this.bytes[typeAt] = type;
    return true;
  }

  private double(value: number): boolean {
    if (!this.room(8)) return false;
    this.view.setFloat64(this.at, value, true);
    this.at += 8;
    return true;
  }

  /** A key: UTF-8 then a zero byte; bson refuses keys holding a zero byte. */
  private cstring(key: string): boolean {
    if (key.includes("\u0000")) return false;
    const written = this.utf8(key);
    if (written === undefined || !this.room(1)) return false;
    this.bytes[this.at++] = 0;
    return true;
  }

  /** A string: its byte length (with the zero byte), UTF-8, a zero byte. */
  private string(value: string): boolean {
    const lengthAt = this.at;
    if (!this.room(4)) return false;
    this.at += 4;
    const written = this.utf8(value);
    if (written === undefined || !this.room(1)) return false;
    this.bytes[this.at++] = 0;
    this.view.setInt32(lengthAt, written + 1, true);
    return true;
  }

  /** UTF-8 as TextEncoder writes it (lone surrogates as U+FFFD, as bson does); ASCII by hand. */
  private utf8(text: string): number | undefined {
    const length = text.length;
    if (!this.room(length)) return undefined;
    const bytes = this.bytes;
    let at = this.at;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        if (!this.room(length * 3)) return undefined;
        const { written } = utf8.encodeInto(text, bytes.subarray(this.at));
        this.at += written;
        return written;
      }
      bytes[at++] = code;
    }
    this.at = at;
    return length;
  }

  private room(size: number): boolean {
    return this.at + size <= this.bytes.length;
  }
}

function isPlainDocument(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !("_bsontype" in value) && typeof (value as { toBSON?: unknown }).toBSON !== "function";
}

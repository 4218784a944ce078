import { locateJsonError } from "./json-errors.ts";
import type { JsonObject } from "./types.ts";

/**
 * The canonical writer for files the sandbox writes: 4-space indent as the App Services
 * CLI writes them, and a trailing newline so diffs stay line-based.
 */
export function formatJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 4) + "\n";
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A type name for messages: "array" and "null" are told apart from "object". */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse whose failure message names the line, column and reason of the first error. */
export function parseJsonText(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return { ok: false, message: "invalid JSON: the file is empty" };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, message: describeJsonError(body, error instanceof Error ? error.message : String(error)) };
  }
}

function describeJsonError(text: string, engineMessage: string): string {
  const found = locateJsonError(text);
  if (!found) return `invalid JSON: ${engineMessage}`;
  const { line, column } = lineColumn(text, found.offset);
  return `invalid JSON at line ${line}, column ${column}: ${found.reason}`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Deep copy of JSON data, used by edit helpers so callers' objects are never shared. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

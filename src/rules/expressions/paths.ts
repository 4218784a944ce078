import { isPlainObject } from "../../bson/types.ts";
import type { ExpressionContext } from "./context.ts";
import { EXPANSIONS, type Expansion } from "./expansions/index.ts";
import { suggest } from "./suggest.ts";

/** `%%user.data.email` split once: the expansion and the path below it. */
export interface ParsedExpansion {
  text: string;
  expansion: Expansion;
  segments: readonly string[];
}

const MAX_CACHED = 10_000;
const parsed = new Map<string, ParsedExpansion | string>();

/**
 * Parses an `%%…` string; a string result is the problem with it. Results are cached,
 * so filter queries expanded per request do not split the same paths again.
 */
export function parseExpansion(text: string): ParsedExpansion | string {
  let result = parsed.get(text);
  if (result === undefined) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    result = parse(text);
    parsed.set(text, result);
  }
  return result;
}

function parse(text: string): ParsedExpansion | string {
  const [name, ...segments] = text.slice(2).split(".");
  const expansion = EXPANSIONS.get(name);
  if (!expansion) return `unknown expansion "%%${name}"${suggest(`%%${name}`, [...EXPANSIONS.keys()].map((k) => `%%${k}`))}`;
  if (segments.some((segment) => segment === "")) return `malformed expansion "${text}"`;
  if (segments.length > 0) {
    if (expansion.leaf) return `"%%${name}" has no fields`;
    if (expansion.fields && !expansion.fields.includes(segments[0])) {
      return `"%%${name}" has no field "${segments[0]}" (known: ${expansion.fields.join(", ")})${suggest(segments[0], expansion.fields)}`;
    }
  }
  return { text, expansion, segments };
}

export function resolveExpansion(expansion: ParsedExpansion, ctx: ExpressionContext): unknown {
  return getPath(expansion.expansion.resolve(ctx), expansion.segments, 0);
}

/**
 * Reads a dotted path the way a MongoDB query does: own fields of embedded documents,
 * numeric segments index arrays, other segments collect the field from every array
 * element (flattened one level). Missing anywhere → undefined.
 */
export function getPath(value: unknown, segments: readonly string[], from: number): unknown {
  let current = value;
  for (let i = from; i < segments.length; i++) {
    if (current === null || typeof current !== "object") return undefined;
    const segment = segments[i];
    if (Array.isArray(current)) {
      if (isIndex(segment)) {
        current = current[Number(segment)];
        continue;
      }
      return collect(current, segments, i);
    }
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function collect(items: unknown[], segments: readonly string[], from: number): unknown {
  const found: unknown[] = [];
  for (const item of items) {
    const value = getPath(item, segments, from);
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined) found.push(value);
  }
  return found.length ? found : undefined;
}

function isIndex(segment: string): boolean {
  return /^(0|[1-9]\d*)$/.test(segment);
}

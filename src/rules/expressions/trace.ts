import { formatValue } from "./format-value.ts";

/**
 * One evaluated piece of an expression. A check reads `key`, whose value after
 * expansion is `left` (undefined = missing), and compares it with `operand` using `op`;
 * `source` is the operand as written when it was not a literal (an expansion, a
 * `%function` call, `%stringToOid`…). Logical pieces (`%or`, `%and`, `$nor`, `$not`, and
 * "all" for several ANDed checks) carry `children`. Entries exist only for pieces that
 * were evaluated: an AND stops at its first false key, an OR at its first true one.
 */
export interface TraceEntry {
  /** Location in the expression, e.g. `%or[1].assignee`. */
  path: string;
  /** The field or expansion as written (`assignee`, `%%user.data.email`); absent for logical groups and constants. */
  key?: string;
  /** The key's value after expansion; undefined means missing. */
  left?: unknown;
  /** `==`, an operator as written (`%exists`, `$in`…), `all`, `%or`/`%and`/`$nor`/`$not`, or `const`. */
  op: string;
  /** The operand as written, when it was not a literal. */
  source?: unknown;
  /** The operand after expansion (for a `const` entry: the constant). */
  operand?: unknown;
  /** The concrete call when the operand is a `%function`. */
  call?: { name: string; arguments: unknown[] };
  result: boolean;
  /** Set when evaluation failed at this piece (the error is rethrown). */
  error?: string;
  children?: TraceEntry[];
}

/**
 * Collects what one evaluation did. Pass a fresh one per expression; it is plain data
 * (safe to post to the UI) apart from the `lines()` convenience.
 */
export class ExpressionTrace {
  entries: TraceEntry[] = [];
  /** The expression's result, once evaluation finished. */
  result: boolean | undefined = undefined;

  lines(): string[] {
    return formatTrace(this.entries);
  }
}

/** Renders entries as indented lines, e.g. `assignee ("alice-id") == %%user.id ("bob-id") → false`. */
export function formatTrace(entries: readonly TraceEntry[], indent = ""): string[] {
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push(indent + formatEntry(entry));
    if (entry.children) lines.push(...formatTrace(entry.children, `${indent}  `));
  }
  return lines;
}

export function formatEntry(entry: TraceEntry): string {
  const parts: string[] = [];
  if (entry.key !== undefined) {
    const constantKey = entry.key === "%%true" || entry.key === "%%false";
    parts.push(constantKey ? entry.key : `${entry.key} (${formatValue(entry.left)})`);
  }
  if (entry.op === "const") {
    parts.push(entry.source !== undefined ? formatSource(entry.source, entry) : formatValue(entry.operand));
  } else {
    parts.push(entry.op);
    if (!entry.children || entry.source !== undefined) parts.push(formatOperand(entry));
  }
  const outcome = entry.error !== undefined ? `error: ${entry.error}` : String(entry.result);
  return `${parts.filter(Boolean).join(" ")} → ${outcome}`;
}

function formatOperand(entry: TraceEntry): string {
  if (entry.source === undefined) return formatValue(entry.operand);
  return `${formatSource(entry.source, entry)} (${formatValue(entry.operand)})`;
}

/** The operand as written: expansions verbatim, `%function name(args)`, converters as calls. */
function formatSource(source: unknown, entry: TraceEntry): string {
  if (typeof source === "string") return source;
  if (source !== null && typeof source === "object" && !Array.isArray(source)) {
    const keys = Object.keys(source);
    const only = keys.length === 1 ? keys[0] : undefined;
    const inner = only === undefined ? undefined : (source as Record<string, unknown>)[only];
    if ((only === "%function" || only === "$function") && entry.call) {
      return `${only} ${entry.call.name}(${entry.call.arguments.map((arg) => formatValue(arg, 40)).join(", ")})`;
    }
    if (only !== undefined && /^[%$](stringToOid|oidToString|stringToUuid|uuidToString)$/.test(only)) {
      return `${only}(${typeof inner === "string" ? inner : formatValue(inner)})`;
    }
  }
  return JSON.stringify(source, (_key, value) => (value === undefined ? null : value))?.slice(0, 60) ?? String(source);
}

/**
 * Reading a GraphQL answer for the result viewer: the first list of objects in `data`
 * (for the table), and the nulls in it (a field the rules may have hidden, or a document
 * that did not come back).
 */

export interface ListFound {
  /** Dotted path of the list in `data` (`tasks`, `user.tasks`). */
  path: string;
  rows: Record<string, unknown>[];
  columns: string[];
}

/** The first list whose items are objects, breadth-first in `data`. */
export function firstObjectList(data: unknown): ListFound | undefined {
  const queue: { value: unknown; path: string[] }[] = [{ value: data, path: [] }];
  while (queue.length > 0) {
    const { value, path } = queue.shift()!;
    if (Array.isArray(value)) {
      const rows = value.filter(isObject);
      if (rows.length > 0 && rows.length === value.filter((v) => v !== null).length) {
        return { path: path.join("."), rows, columns: columnsOf(rows) };
      }
      continue;
    }
    if (isObject(value)) for (const [key, child] of Object.entries(value)) queue.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** Every key of the rows, in the order they first appear. */
function columnsOf(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A cell as short text: scalars as they are, objects and lists as compact JSON. */
export function cellText(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export interface NullFound {
  /** The path as GraphQL errors give it. */
  path: (string | number)[];
  /** True for a root field that answered null: a document that was not found or not allowed. */
  root: boolean;
}

/** Nulls in `data`, up to `limit`, skipping the paths an error already explains. */
export function nullsIn(data: unknown, errorPaths: readonly (readonly (string | number)[])[] = [], limit = 20): NullFound[] {
  const explained = new Set(errorPaths.map((p) => p.join(".")));
  const found: NullFound[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (found.length >= limit) return;
    if (value === null) {
      if (path.length > 0 && !explained.has(path.join("."))) found.push({ path, root: path.length === 1 });
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isObject(value)) for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(data, []);
  return found;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

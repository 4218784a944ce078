/**
 * The Data screen's query as typed (filter, projection, sort, page) and as run. The texts
 * live in the hash (`#/data/db/coll?filter=…`), so a query is a link that can be shared
 * and survives a reload; what is typed but not run yet is kept in sessionStorage.
 */
import type { EjsonDocument, FindRequest } from "../../state/data-api.ts";

export interface QueryTexts {
  filter: string;
  projection: string;
  sort: string;
  skip: number;
  limit: number;
}

export const DEFAULT_LIMIT = 20;
export const EMPTY_QUERY: QueryTexts = { filter: "", projection: "", sort: "", skip: 0, limit: DEFAULT_LIMIT };

/** A field of the query bar that does not hold a JSON object, with what to write instead. */
export interface QueryProblem {
  field: "filter" | "projection" | "sort" | "limit";
  message: string;
}

const EXAMPLES: Record<"filter" | "projection" | "sort", string> = {
  filter: '{"status": "Open"}',
  projection: '{"name": 1, "status": 1}',
  sort: '{"name": 1}',
};

/** Parses the typed texts; empty means "none". Extended JSON (`{"$oid": …}`) stays as typed for the backend to read. */
export function parseQuery(texts: QueryTexts): { request: FindRequest; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const object = (field: "filter" | "projection" | "sort"): EjsonDocument | undefined => {
    const text = texts[field].trim();
    if (text === "") return undefined;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as EjsonDocument;
      problems.push({ field, message: `This is JSON, but not an object. Write an object in braces, for example ${EXAMPLES[field]}.` });
    } catch (error) {
      problems.push({ field, message: `This is not valid JSON (${(error as Error).message}). Put field names in double quotes, for example ${EXAMPLES[field]}.` });
    }
    return undefined;
  };
  const request: FindRequest = {
    query: object("filter") ?? {},
    projection: object("projection"),
    sort: object("sort"),
    skip: Math.max(0, Math.floor(texts.skip) || 0),
    limit: texts.limit,
  };
  if (!Number.isInteger(texts.limit) || texts.limit < 1 || texts.limit > 1000) {
    problems.push({ field: "limit", message: "Show from 1 to 1000 documents per page." });
  }
  return { request, problems };
}

/** The query texts of a hash like `#/data/db/coll?filter=…&skip=20`, or undefined when it has none. */
export function queryFromHash(hash: string): QueryTexts | undefined {
  const at = hash.indexOf("?");
  if (at < 0) return undefined;
  const params = new URLSearchParams(hash.slice(at + 1));
  if (![...params.keys()].some((k) => k in EMPTY_QUERY)) return undefined;
  return {
    filter: params.get("filter") ?? "",
    projection: params.get("projection") ?? "",
    sort: params.get("sort") ?? "",
    skip: Number(params.get("skip") ?? 0) || 0,
    limit: Number(params.get("limit") ?? DEFAULT_LIMIT) || DEFAULT_LIMIT,
  };
}

/** The hash for a query on a collection; defaults are left out so plain links stay plain. */
export function hashWithQuery(path: string, texts: QueryTexts): string {
  const params = new URLSearchParams();
  if (texts.filter.trim()) params.set("filter", texts.filter.trim());
  if (texts.projection.trim()) params.set("projection", texts.projection.trim());
  if (texts.sort.trim()) params.set("sort", texts.sort.trim());
  if (texts.skip) params.set("skip", String(texts.skip));
  if (texts.limit !== DEFAULT_LIMIT) params.set("limit", String(texts.limit));
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ""}`;
}

const TYPED_KEY = "realm-sandbox:data-query";

export function loadTyped(storage: Pick<Storage, "getItem">, scope: string): QueryTexts | undefined {
  try {
    const saved = JSON.parse(storage.getItem(`${TYPED_KEY}:${scope}`) ?? "null") as Partial<QueryTexts> | null;
    return saved ? { ...EMPTY_QUERY, ...saved } : undefined;
  } catch {
    return undefined;
  }
}

export function saveTyped(storage: Pick<Storage, "setItem">, scope: string, texts: QueryTexts): void {
  try {
    storage.setItem(`${TYPED_KEY}:${scope}`, JSON.stringify(texts));
  } catch {
    // Storage full or disabled: the query still runs, it just is not kept.
  }
}

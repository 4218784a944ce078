import { bsonTypeOf, isPlainObject, numericValue, type Document } from "../bson/types.ts";

/*
 * mingo runs pipelines over query views, where every numeric BSON type is a plain
 * number. Stages that build new documents ($project, $group, $unwind…) lose the link to
 * the stored values, so a copied Long would come out as a plain number. Here each
 * output path is traced back, stage by stage, to the input path its values were copied
 * from, and a number found there with the same value gives back its stored type.
 * Computed values ($sum, $add…) have no source and keep the type of the plain number.
 */

/** An output path (no array indices) to the path it was copied from, or undefined when computed. */
export type Source = (path: string) => string | undefined;

/** Input paths from other collections: the collection name, a NUL, then the path. */
export function foreignPath(collection: string, path: string): string {
  return `${collection}\u0000${path}`;
}

/** Where each output path of the pipeline comes from. */
export function traceSources(pipeline: Document[]): Source {
  let source: Source = (path) => path;
  for (const stage of pipeline) {
    const step = stageSource(stage);
    const previous = source;
    source = (path) => {
      const from = step(path);
      // Paths from another collection are final; the earlier stages did not produce them.
      return from === undefined || from.includes("\u0000") ? from : previous(from);
    };
  }
  return source;
}

const UNKNOWN: Source = () => undefined;
const SAME: Source = (path) => path;
const KEEP_ORDER_STAGES = new Set(["$match", "$sort", "$limit", "$skip", "$sample", "$unwind", "$redact"]);
/** Accumulators whose result is one of the input values (or an array of them). */
const COPYING_ACCUMULATORS = new Set(["$first", "$last", "$min", "$max", "$push", "$addToSet"]);

function stageSource(stage: Document): Source {
  const [name] = Object.keys(stage);
  const spec = stage[name];
  if (KEEP_ORDER_STAGES.has(name)) return SAME;
  switch (name) {
    case "$project":
      return isPlainObject(spec) ? projectSource(spec) : UNKNOWN;
    case "$addFields":
    case "$set":
      return isPlainObject(spec) ? fieldsSource(spec, SAME) : UNKNOWN;
    case "$unset":
      return SAME;
    case "$replaceRoot":
      return isPlainObject(spec) ? rootSource(spec.newRoot) : UNKNOWN;
    case "$replaceWith":
      return rootSource(spec);
    case "$group":
      return isPlainObject(spec) ? groupSource(spec) : UNKNOWN;
    case "$sortByCount":
      return fieldsSource({ _id: spec }, UNKNOWN);
    case "$lookup":
      return isPlainObject(spec) ? lookupSource(spec) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** A `$field.path` reference, as the path it names. */
function reference(expr: unknown): string | undefined {
  return typeof expr === "string" && expr.startsWith("$") && !expr.startsWith("$$") ? expr.slice(1) : undefined;
}

type Rule = { kind: "copy"; from: string } | { kind: "computed" } | { kind: "excluded" };

/** The rules a spec of fields sets ({a: "$x", "b.c": 1, d: {e: "$y"}}), by dotted output path. */
function fieldRules(spec: Document, prefix = "", into = new Map<string, Rule>()): Map<string, Rule> {
  for (const [key, expr] of Object.entries(spec)) {
    const path = prefix + key;
    const from = reference(expr);
    if (from !== undefined) into.set(path, { kind: "copy", from });
    else if (expr === true || (typeof expr === "number" && expr !== 0) || numericValue(expr) === 1) into.set(path, { kind: "copy", from: path });
    else if (expr === false || expr === 0 || numericValue(expr) === 0) into.set(path, { kind: "excluded" });
    else if (isPlainObject(expr) && Object.keys(expr).length > 0 && !Object.keys(expr).some((k) => k.startsWith("$"))) fieldRules(expr, `${path}.`, into);
    else into.set(path, { kind: "computed" });
  }
  return into;
}

/** Looks an output path up in the rules: the longest rule at or above it decides; `otherwise` for the rest. */
function byRules(rules: Map<string, Rule>, otherwise: Source): Source {
  return (path) => {
    for (let end = path.length; end > 0; end = path.lastIndexOf(".", end - 1)) {
      const rule = rules.get(path.slice(0, end));
      if (!rule) continue;
      return rule.kind === "copy" ? rule.from + path.slice(end) : undefined;
    }
    return otherwise(path);
  };
}

function projectSource(spec: Document): Source {
  const rules = fieldRules(spec);
  const inclusion = [...rules].some(([path, rule]) => path !== "_id" && rule.kind !== "excluded");
  if (!inclusion) return SAME;
  if (!rules.has("_id")) rules.set("_id", { kind: "copy", from: "_id" });
  return byRules(rules, UNKNOWN);
}

function fieldsSource(spec: Document, otherwise: Source): Source {
  return byRules(fieldRules(spec), otherwise);
}

function rootSource(expr: unknown): Source {
  const from = reference(expr);
  return from === undefined ? UNKNOWN : (path) => `${from}.${path}`;
}

function groupSource(spec: Document): Source {
  const rules = new Map<string, Rule>();
  const id = spec._id;
  if (isPlainObject(id)) fieldRules(id, "_id.", rules);
  else rules.set("_id", reference(id) === undefined ? { kind: "computed" } : { kind: "copy", from: reference(id)! });
  for (const [name, accumulator] of Object.entries(spec)) {
    if (name === "_id") continue;
    const [op] = isPlainObject(accumulator) ? Object.keys(accumulator) : [];
    const from = op && COPYING_ACCUMULATORS.has(op) ? reference((accumulator as Document)[op]) : undefined;
    rules.set(name, from === undefined ? { kind: "computed" } : { kind: "copy", from });
  }
  return byRules(rules, UNKNOWN);
}

function lookupSource(spec: Document): Source {
  const as = typeof spec.as === "string" ? spec.as : undefined;
  if (as === undefined) return UNKNOWN;
  const joined = typeof spec.from === "string" && spec.pipeline === undefined ? spec.from : undefined;
  return (path) => {
    if (path !== as && !path.startsWith(`${as}.`)) return path;
    return joined === undefined || path === as ? undefined : foreignPath(joined, path.slice(as.length + 1));
  };
}

const AMBIGUOUS = Symbol("ambiguous");

/**
 * The stored numbers of some documents by path and value. A value held with two
 * different types at one path is ambiguous and restores nothing.
 */
export class StoredNumbers {
  private readonly byPath = new Map<string, Map<number, unknown>>();

  constructor(docs: Document[], prefix = "") {
    for (const doc of docs) this.collect(doc, prefix);
  }

  /** The stored value at `path` equal to `n`, when there is exactly one type of it. */
  find(path: string, n: number): unknown {
    const found = this.byPath.get(path)?.get(n);
    return found === AMBIGUOUS ? undefined : found;
  }

  private collect(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, path);
    } else if (isPlainObject(value)) {
      for (const key in value) this.collect(value[key], path === "" || path.endsWith("\u0000") ? path + key : `${path}.${key}`);
    } else {
      const n = numericValue(value);
      if (n === undefined) return;
      let values = this.byPath.get(path);
      if (!values) this.byPath.set(path, (values = new Map()));
      const seen = values.get(n);
      if (seen === undefined) values.set(n, value);
      else if (seen !== AMBIGUOUS && bsonTypeOf(seen) !== bsonTypeOf(value)) values.set(n, AMBIGUOUS);
    }
  }
}

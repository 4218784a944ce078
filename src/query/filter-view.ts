import { BSONRegExp, isPlainObject, type Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { useBsonOperators } from "./bson-operators.ts";
import { RegexOperand, toLinearRegExp } from "./regex.ts";
import { toQueryValue } from "./view.ts";

/**
 * The query view of a filter (see view.ts) in which every regular expression that
 * would be matched runs on the linear-time engine: `{f: /re/}`, `{f: {$regex, $options}}`,
 * `$not: /re/` and regexes listed in `$in`, `$nin` and `$all` become the `$linearRegex`,
 * `$linearIn`, `$linearNin` and `$linearAll` operators of regex.ts. Values compared for
 * equality (`$eq`, embedded documents) are left as they are.
 */
export function toFilterView(filter: unknown): unknown {
  if (!isPlainObject(filter)) return toQueryValue(filter);
  let out: Document | undefined;
  for (const key in filter) {
    const value = filter[key];
    const viewed = LOGICAL.has(key) && Array.isArray(value) ? value.map(toFilterView) : key.startsWith("$") ? toQueryValue(value) : fieldCondition(value);
    if (viewed !== value) {
      out ??= { ...filter };
      out[key] = viewed;
    }
  }
  return out ?? filter;
}

/**
 * A pipeline's query view: `$match` stages (also inside `$lookup`, `$unionWith` and
 * `$facet` sub-pipelines, and `$graphLookup`'s `restrictSearchWithMatch`) get the
 * filter view, everything else the plain query view.
 */
export function toPipelineView(pipeline: unknown): unknown {
  if (!Array.isArray(pipeline)) return toQueryValue(pipeline);
  return pipeline.map((stage) => {
    if (!isPlainObject(stage)) return toQueryValue(stage);
    const out: Document = {};
    for (const [name, spec] of Object.entries(stage)) out[name] = stageView(name, spec);
    return out;
  });
}

function stageView(name: string, spec: unknown): unknown {
  switch (name) {
    case "$match":
      return useBsonOperators(toFilterView(spec));
    case "$facet":
      return isPlainObject(spec) ? mapValues(spec, toPipelineView) : toQueryValue(spec);
    case "$lookup":
    case "$unionWith":
      return isPlainObject(spec) && "pipeline" in spec ? { ...(toQueryValue(spec) as Document), pipeline: toPipelineView(spec.pipeline) } : toQueryValue(spec);
    case "$graphLookup":
      return isPlainObject(spec) && "restrictSearchWithMatch" in spec
        ? { ...(toQueryValue(spec) as Document), restrictSearchWithMatch: useBsonOperators(toFilterView(spec.restrictSearchWithMatch)) }
        : toQueryValue(spec);
    default:
      return toQueryValue(spec);
  }
}

/**
 * An update's query view: the conditions of `$pull` (on elements, or over the fields of
 * document elements) get the filter view; values to write keep the plain one.
 */
export function toUpdateView(modifier: unknown): unknown {
  const view = toQueryValue(modifier);
  if (!isPlainObject(modifier) || !isPlainObject(modifier.$pull)) return view;
  const pull: Document = {};
  for (const [path, spec] of Object.entries(modifier.$pull)) {
    pull[path] = isPlainObject(spec) && !isOperatorDocument(spec) ? toFilterView(spec) : fieldCondition(spec);
  }
  return { ...(view as Document), $pull: pull };
}

/** A projection's query view: `$elemMatch` filters (over document elements) get the filter view. */
export function toProjectionView(projection: unknown): unknown {
  const view = toQueryValue(projection);
  if (!isPlainObject(projection)) return view;
  let out: Document | undefined;
  for (const [path, spec] of Object.entries(projection)) {
    if (!isPlainObject(spec) || !isPlainObject(spec.$elemMatch)) continue;
    out ??= { ...(view as Document) };
    out[path] = { ...spec, $elemMatch: toFilterView(spec.$elemMatch) };
  }
  return out ?? view;
}

const LOGICAL = new Set(["$and", "$or", "$nor"]);

function mapValues(doc: Document, f: (value: unknown) => unknown): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) out[key] = f(value);
  return out;
}

function isRegex(value: unknown): boolean {
  return value instanceof RegExp || value instanceof BSONRegExp;
}

function boxed(value: unknown, options?: unknown): RegexOperand {
  if (options !== undefined && typeof options !== "string") {
    throw new AppServicesError("MongoDBError", "$options has to be a string", { code: 2, codeName: "BadValue" });
  }
  const regex = toLinearRegExp(value, options ?? "");
  if (!regex) throw new AppServicesError("MongoDBError", "$regex has to be a string", { code: 2, codeName: "BadValue" });
  return new RegexOperand(regex);
}

/** The condition on one field: a regex, an operator document, or a value to compare with. */
function fieldCondition(condition: unknown): unknown {
  if (isRegex(condition)) return { $linearRegex: boxed(condition) };
  if (!isPlainObject(condition) || !isOperatorDocument(condition)) return toQueryValue(condition);
  const out: Document = {};
  for (const [op, operand] of Object.entries(condition)) {
    switch (op) {
      case "$regex": {
        const options = condition.$options;
        if (options !== undefined && operand instanceof BSONRegExp && operand.options !== "") {
          throw new AppServicesError("MongoDBError", "options set in both $regex and $options", { code: 51075, codeName: "Location51075" });
        }
        out.$linearRegex = boxed(operand, options);
        break;
      }
      case "$options":
        if (!("$regex" in condition)) throw new AppServicesError("MongoDBError", "$options needs a $regex", { code: 2, codeName: "BadValue" });
        break;
      case "$not":
        out.$not = isRegex(operand) ? { $linearRegex: boxed(operand) } : fieldCondition(operand);
        break;
      case "$in":
      case "$nin":
      case "$all":
        if (Array.isArray(operand) && operand.some(isRegex)) {
          out[`$linear${op[1].toUpperCase()}${op.slice(2)}`] = operand.map((item) => (isRegex(item) ? boxed(item) : listItem(op, item)));
        } else {
          out[op] = Array.isArray(operand) ? operand.map((item) => listItem(op, item)) : toQueryValue(operand);
        }
        break;
      case "$elemMatch":
        out.$elemMatch = elemMatchView(operand);
        break;
      default:
        out[op] = toQueryValue(operand);
    }
  }
  return out;
}

/** `$elemMatch` criteria: conditions on each element (operators only) or a filter over its fields. */
function elemMatchView(criteria: unknown): unknown {
  if (isPlainObject(criteria) && isOperatorDocument(criteria) && !Object.keys(criteria).some((k) => LOGICAL.has(k))) return fieldCondition(criteria);
  return toFilterView(criteria);
}

/** An `$all` element may be `{$elemMatch: …}`; other list elements are values. */
function listItem(op: string, item: unknown): unknown {
  if (op === "$all" && isPlainObject(item) && "$elemMatch" in item) return fieldCondition(item);
  return toQueryValue(item);
}

/** An operator document (`{$gt: 1}`), as opposed to an embedded document compared for equality. */
function isOperatorDocument(doc: Document): boolean {
  for (const key in doc) return key.startsWith("$");
  return false;
}

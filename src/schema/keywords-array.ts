import { valuesEqual } from "../query/compare.ts";
import { childPath, plural, subject } from "./messages.ts";
import { type CompileChild, type CompiledNode, type KeywordGroup, type Run, prevItem, report } from "./node.ts";
import type { JsonSchema } from "./types.ts";

/** items (one schema or a tuple), additionalItems, min/maxItems, uniqueItems. */
export function compileArrayKeywords(schema: JsonSchema, compile: CompileChild): KeywordGroup | undefined {
  const { minItems, maxItems } = schema;
  const unique = schema.uniqueItems === true;
  let every: CompiledNode | undefined;
  let tuple: CompiledNode[] | undefined;
  let additional: boolean | CompiledNode = true;
  if (Array.isArray(schema.items)) {
    tuple = schema.items.map(compile);
    // additionalItems only means something next to tuple items.
    if (schema.additionalItems === false) additional = false;
    else if (typeof schema.additionalItems === "object") additional = compile(schema.additionalItems);
  } else if (schema.items !== undefined) {
    every = compile(schema.items);
    if (every.acceptsAll) every = undefined;
  }
  const additionalNode = typeof additional === "object" && !additional.acceptsAll ? additional : undefined;
  const tupleChecks =
    tuple !== undefined && (additional === false || additionalNode !== undefined || tuple.some((n) => !n.acceptsAll));
  const counts = minItems !== undefined || maxItems !== undefined;
  if (!counts && !unique && every === undefined && !tupleChecks) return undefined;

  const children = [every, additionalNode, ...(tuple ?? [])];
  const usesPrev = children.some((node) => node?.usesPrev === true);

  const checkItem = (node: CompiledNode, items: unknown[], i: number, path: string, prev: unknown, run: Run) => {
    node.check(items[i], childPath(path, i), node.usesPrev ? prevItem(prev, i) : undefined, run);
  };

  return {
    usesPrev,
    check(value, type, path, prev, run) {
      if (type !== "array") return;
      const items = value as unknown[];
      if (minItems !== undefined && items.length < minItems) {
        const message = `${subject(path)} must have at least ${plural(minItems, "item")}, found ${items.length}`;
        report(run, path, "minItems", message);
      }
      if (maxItems !== undefined && items.length > maxItems) {
        const message = `${subject(path)} must have at most ${plural(maxItems, "item")}, found ${items.length}`;
        report(run, path, "maxItems", message);
      }
      if (unique) {
        const duplicate = findDuplicate(items);
        if (duplicate !== undefined) {
          const [first, second] = duplicate;
          const message = `${subject(path)} must not contain duplicate items (items ${first} and ${second} are equal)`;
          report(run, path, "uniqueItems", message);
        }
      }
      if (every !== undefined) {
        for (let i = 0; i < items.length; i++) checkItem(every, items, i, path, prev, run);
      } else if (tuple !== undefined && tupleChecks) {
        const fixed = Math.min(tuple.length, items.length);
        for (let i = 0; i < fixed; i++) if (!tuple[i].acceptsAll) checkItem(tuple[i], items, i, path, prev, run);
        if (items.length > tuple.length) {
          if (additional === false) {
            const message = `${subject(path)} must have at most ${plural(tuple.length, "item")}, found ${items.length}`;
            report(run, path, "additionalItems", message);
          } else if (additionalNode !== undefined) {
            for (let i = tuple.length; i < items.length; i++) checkItem(additionalNode, items, i, path, prev, run);
          }
        }
      }
    },
  };
}

/**
 * The first pair of equal items (ordered by the later index), or undefined. Arrays of
 * primitives go through a map; anything else compares pairwise with MongoDB equality,
 * since a wrapped number (Double, Long, Decimal128) can equal a plain one.
 */
function findDuplicate(items: unknown[]): [number, number] | undefined {
  if (items.every((item) => item === null || typeof item !== "object")) {
    // SameValueZero agrees with MongoDB on 0/-0 and NaN.
    const seen = new Map<unknown, number>();
    for (let j = 0; j < items.length; j++) {
      const first = seen.get(items[j]);
      if (first !== undefined) return [first, j];
      seen.set(items[j], j);
    }
    return undefined;
  }
  for (let j = 1; j < items.length; j++) {
    for (let i = 0; i < j; i++) if (valuesEqual(items[i], items[j])) return [i, j];
  }
  return undefined;
}

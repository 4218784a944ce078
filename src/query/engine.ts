import { Aggregator as AggregatorBase } from "mingo/aggregator";
import { Context } from "mingo/core";
import * as accumulator from "mingo/operators/accumulator";
import * as expression from "mingo/operators/expression";
import * as pipeline from "mingo/operators/pipeline";
import * as projection from "mingo/operators/projection";
import * as query from "mingo/operators/query";
import * as window from "mingo/operators/window";
import { Query as QueryBase } from "mingo/query";
import type { Options } from "mingo/types";

import { $bsonMod, $bsonType } from "./bson-operators.ts";
import { boundedRange, meteredExpression, meteredIteration, meteredStage, timedExpression, timedQuery } from "./limits.ts";
import { EQUALITY_OPERATORS } from "./equality-operators.ts";
import { $regexFind, $regexFindAll, $regexMatch, LINEAR_REGEX_OPERATORS } from "./regex.ts";

/**
 * mingo with the sandbox's operators. mingo's own entry points merge its operators over
 * any given ones, so replacing an operator (the regex expressions, `$range`, the metered
 * ones) takes a context of our own and the base Query and Aggregator classes.
 */

type Op = (...args: any[]) => unknown;
const e = expression as unknown as Record<string, Op>;
const p = pipeline as unknown as Record<string, Op>;

/** Expressions whose results are new arrays, strings or objects, charged to the pipeline's memory budget. */
const METERED_EXPRESSIONS = [
  "$concat", "$concatArrays", "$zip", "$setUnion", "$setIntersection", "$setDifference", "$split", "$replaceAll",
  "$replaceOne", "$reverseArray", "$slice", "$sortArray", "$objectToArray", "$arrayToObject", "$mergeObjects",
  "$toUpper", "$toLower", "$trim", "$ltrim", "$rtrim", "$substr", "$substrCP", "$substrBytes", "$firstN", "$lastN",
  "$maxN", "$minN",
];
const ITERATING_EXPRESSIONS = ["$map", "$filter", "$reduce"];
/** Stages that emit documents they build (joins, unwinding, grouping, generated documents). */
const METERED_STAGES = [
  "$lookup", "$graphLookup", "$unionWith", "$unwind", "$group", "$bucket", "$bucketAuto", "$facet", "$densify", "$fill",
  "$setWindowFields", "$sortByCount",
];

const expressionOverrides: Record<string, Op> = {
  $regexMatch,
  $regexFind,
  $regexFindAll: meteredExpression("$regexFindAll", $regexFindAll as Op),
  $range: boundedRange(e.$range),
};
for (const name of METERED_EXPRESSIONS) if (e[name]) expressionOverrides[name] = meteredExpression(name, e[name]);
for (const name of ITERATING_EXPRESSIONS) expressionOverrides[name] = meteredIteration(name, e[name]);

const pipelineOverrides: Record<string, Op> = {};
for (const name of METERED_STAGES) if (p[name]) pipelineOverrides[name] = meteredStage(name, p[name] as never);

/** Query operators the filter view and `useBsonOperators` name (as options.ts adds them to mingo's). */
const SANDBOX_QUERY_OPERATORS = { $bsonType, $bsonMod, ...EQUALITY_OPERATORS, ...LINEAR_REGEX_OPERATORS };

/** Every expression and query operator counts toward the time check of limits.ts. */
function timed<T extends Op>(ops: Record<string, Op>, wrap: (op: T) => Op): Record<string, Op> {
  const out: Record<string, Op> = {};
  for (const [name, op] of Object.entries(ops)) if (typeof op === "function") out[name] = wrap(op as T);
  return out;
}

const ENGINE_CONTEXT = Context.init({
  accumulator: accumulator as never,
  expression: timed({ ...e, ...expressionOverrides }, timedExpression as never) as never,
  pipeline: { ...p, ...pipelineOverrides } as never,
  projection: projection as never,
  query: timed({ ...(query as unknown as Record<string, Op>), ...SANDBOX_QUERY_OPERATORS }, timedQuery as never) as never,
  window: window as never,
});

const withEngine = (options: Partial<Options>): Partial<Options> => ({ ...options, context: ENGINE_CONTEXT });

export class Query<T = Record<string, unknown>> extends QueryBase<T> {
  constructor(condition: Record<string, unknown>, options: Partial<Options>) {
    super(condition as never, withEngine(options));
  }
}

export class Aggregator extends AggregatorBase {
  constructor(stages: Record<string, unknown>[], options: Partial<Options>) {
    super(stages, withEngine(options));
  }
}

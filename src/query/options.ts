import { Context, ProcessingMode } from "mingo";
import type { Options } from "mingo/types";

import { $bsonMod, $bsonType } from "./bson-operators.ts";
import { EQUALITY_OPERATORS } from "./equality-operators.ts";
import { LINEAR_REGEX_OPERATORS } from "./regex.ts";

/** Query operators that know BSON types and field order, and match regexes in linear time. */
const BSON_CONTEXT = Context.init({ query: { $bsonType, $bsonMod, ...EQUALITY_OPERATORS, ...LINEAR_REGEX_OPERATORS } as never });

/**
 * The mingo options every query, projection and pipeline shares. Scripts ($where,
 * $function, $accumulator) are off: request bodies come from clients.
 */
export function queryOptions(extra?: Partial<Options>): Partial<Options> {
  return {
    processingMode: ProcessingMode.CLONE_OFF,
    useStrictMode: true,
    scriptEnabled: false,
    context: BSON_CONTEXT,
    ...extra,
  };
}

export { Context };

import type { KeyOperator, ValuePositionOperator } from "../_internal.ts";
import { andKey, andValue } from "./and.ts";
import { eq } from "./eq.ts";
import { exists } from "./exists.ts";
import { functionOperator } from "./function.ts";
import { gt } from "./gt.ts";
import { gte } from "./gte.ts";
import { inOperator } from "./in.ts";
import { lt } from "./lt.ts";
import { lte } from "./lte.ts";
import { ne, neq } from "./ne.ts";
import { nin } from "./nin.ts";
import { nor } from "./nor.ts";
import { notOperator } from "./not.ts";
import { oidToString } from "./oid-to-string.ts";
import { orKey, orValue } from "./or.ts";
import { stringToOid } from "./string-to-oid.ts";
import { stringToUuid } from "./string-to-uuid.ts";
import { uuidToString } from "./uuid-to-string.ts";

/**
 * The operator tables, an explicit registry (no global registration side effects).
 * An operator is spelled with `%` or `$` followed by its name; `prefixes` says which
 * spellings are valid (`%neq` only with `%`, `$not`/`$nor` only with `$`).
 */
const VALUE_OPERATORS = new Map<string, ValuePositionOperator>(
  [
    ...[exists, inOperator, nin, eq, ne, neq, gt, gte, lt, lte],
    ...[andValue, orValue, notOperator, functionOperator],
    ...[stringToOid, oidToString, stringToUuid, uuidToString],
  ].map((op) => [op.name, op]),
);

const KEY_OPERATORS = new Map<string, KeyOperator>([orKey, andKey, nor].map((op) => [op.name, op]));

/** A key spelled like an operator: `%name` or `$name` (but not an `%%expansion`). */
export function isOperatorName(key: string): boolean {
  return (key.startsWith("%") && !key.startsWith("%%")) || key.startsWith("$");
}

export function lookupValueOperator(key: string): ValuePositionOperator | undefined {
  return lookup(VALUE_OPERATORS, key);
}

export function lookupKeyOperator(key: string): KeyOperator | undefined {
  return lookup(KEY_OPERATORS, key);
}

/** Every valid spelling, for "did you mean" hints and documentation tables. */
export function operatorSpellings(): string[] {
  const spellings = new Set<string>();
  for (const op of [...VALUE_OPERATORS.values(), ...KEY_OPERATORS.values()]) {
    for (const prefix of op.prefixes) spellings.add(prefix + op.name);
  }
  return [...spellings];
}

function lookup<T extends { prefixes: string }>(table: Map<string, T>, key: string): T | undefined {
  const op = table.get(key.slice(1));
  return op && op.prefixes.includes(key[0]) ? op : undefined;
}

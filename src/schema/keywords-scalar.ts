import { Long, isNumericType, numericValue } from "../bson/types.ts";
import { formatNumber, plural, subject } from "./messages.ts";
import { type KeywordGroup, report } from "./node.ts";
import { compilePattern } from "./regex.ts";
import type { JsonSchema } from "./types.ts";

/** minLength, maxLength (in Unicode code points, as MongoDB counts) and pattern. */
export function compileStringKeywords(schema: JsonSchema): KeywordGroup | undefined {
  const { minLength, maxLength, pattern } = schema;
  const compiled = pattern === undefined ? undefined : compilePattern(pattern);
  // Invalid patterns are caught by the definition check before compiling.
  const regex = compiled instanceof RegExp ? compiled : undefined;
  if (minLength === undefined && maxLength === undefined && regex === undefined) return undefined;
  return {
    usesPrev: false,
    check(value, type, path, _prev, run) {
      if (type !== "string") return;
      const text = value as string;
      // A string has between length/2 and length code points; count only when that leaves doubt.
      if (minLength !== undefined && text.length < 2 * minLength) {
        const length = codePointLength(text);
        if (length < minLength) {
          const expected = plural(minLength, "character");
          report(run, path, "minLength", `${subject(path)} must be at least ${expected} long, found ${length}`);
        }
      }
      if (maxLength !== undefined && text.length > maxLength) {
        const length = codePointLength(text);
        if (length > maxLength) {
          const expected = plural(maxLength, "character");
          report(run, path, "maxLength", `${subject(path)} must be at most ${expected} long, found ${length}`);
        }
      }
      if (regex !== undefined && !regex.test(text)) {
        report(run, path, "pattern", `${subject(path)} must match the pattern ${JSON.stringify(pattern)}`);
      }
    },
  };
}

export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const high = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

/** minimum, maximum, their draft-4 exclusive flags, and multipleOf, for every numeric BSON type. */
export function compileNumberKeywords(schema: JsonSchema): KeywordGroup | undefined {
  const { minimum, maximum, multipleOf } = schema;
  const exclusiveMin = schema.exclusiveMinimum === true;
  const exclusiveMax = schema.exclusiveMaximum === true;
  if (minimum === undefined && maximum === undefined && multipleOf === undefined) return undefined;
  return {
    usesPrev: false,
    check(value, type, path, _prev, run) {
      if (!isNumericType(type)) return;
      const n = numericValue(value) as number;
      // MongoDB orders NaN below every number: it fails a minimum and passes a maximum.
      if (minimum !== undefined && (Number.isNaN(n) || (exclusiveMin ? n <= minimum : n < minimum))) {
        const rule = exclusiveMin ? "greater than" : "greater than or equal to";
        report(run, path, "minimum", `${subject(path)} must be ${rule} ${minimum}, found ${formatNumber(value)}`);
      }
      if (maximum !== undefined && (exclusiveMax ? n >= maximum : n > maximum)) {
        const rule = exclusiveMax ? "less than" : "less than or equal to";
        report(run, path, "maximum", `${subject(path)} must be ${rule} ${maximum}, found ${formatNumber(value)}`);
      }
      if (multipleOf !== undefined && !isMultipleOf(value, n, multipleOf)) {
        const message = `${subject(path)} must be a multiple of ${multipleOf}, found ${formatNumber(value)}`;
        report(run, path, "multipleOf", message);
      }
    },
  };
}

function isMultipleOf(value: unknown, n: number, divisor: number): boolean {
  if (!Number.isFinite(n)) return false;
  // Longs beyond 2^53 lose digits as numbers; integer divisors can be checked exactly.
  if (value instanceof Long && Number.isInteger(divisor) && !Number.isSafeInteger(n)) {
    return value.toBigInt() % BigInt(divisor) === 0n;
  }
  if (Number.isSafeInteger(n) && Number.isSafeInteger(divisor)) return n % divisor === 0;
  // Binary fractions: 0.3 / 0.1 is 2.9999999999999996, which should count as a multiple.
  const quotient = n / divisor;
  return Math.abs(quotient - Math.round(quotient)) <= 1e-9 * Math.max(1, Math.abs(quotient));
}

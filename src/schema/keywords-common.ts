import type { BsonType } from "../bson/types.ts";
import { valuesEqual } from "../query/compare.ts";
import { formatValue, quotedList, subject } from "./messages.ts";
import { type KeywordGroup, type Run, report } from "./node.ts";
import { admittedBsonTypes, admittedByJsonType, jsonTypeName, normalizeBsonTypeName } from "./type-names.ts";
import type { JsonSchema, SchemaJsonType } from "./types.ts";

/** Checks a value's type and reports a mismatch; false stops the node's other checks. */
export type TypeCheck = (type: BsonType, path: string, run: Run) => boolean;

/** bsonType and type; undefined when the node admits any type. */
export function compileTypeCheck(schema: JsonSchema): TypeCheck | undefined {
  const checks: TypeCheck[] = [];
  if (schema.bsonType !== undefined) {
    const written = Array.isArray(schema.bsonType) ? schema.bsonType : [schema.bsonType];
    const names = written.map((name) => normalizeBsonTypeName(name) ?? name);
    const admitted = new Set<string>();
    let any = false;
    for (const name of written) {
      // Unknown names are definition problems, reported before a schema is compiled.
      const canonical = normalizeBsonTypeName(name);
      const types = canonical === undefined ? [] : admittedBsonTypes(canonical);
      if (types === "any") any = true;
      else for (const type of types) admitted.add(type);
    }
    if (!any) {
      const expected = quotedList(names);
      checks.push((type, path, run) => {
        if (admitted.has(type)) return true;
        report(run, path, "bsonType", `${subject(path)} must be of bsonType ${expected}, found "${type}"`);
        return false;
      });
    }
  }
  if (schema.type !== undefined) {
    const names: SchemaJsonType[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const admitted = new Set<string>(names.flatMap(admittedByJsonType));
    const expected = quotedList(names);
    checks.push((type, path, run) => {
      if (admitted.has(type)) return true;
      report(run, path, "type", `${subject(path)} must be of type ${expected}, found "${jsonTypeName(type)}"`);
      return false;
    });
  }
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (type, path, run) => checks.every((check) => check(type, path, run));
}

export function compileEnum(schema: JsonSchema): KeywordGroup | undefined {
  const allowed = schema.enum;
  if (!Array.isArray(allowed)) return undefined;
  // Strings, booleans and finite numbers compare by identity; wrapped numbers and
  // documents need MongoDB equality.
  const primitives = allowed.every(isPlainScalar);
  const set = primitives ? new Set<unknown>(allowed) : undefined;
  const listed = allowed.map(formatValue).join(", ");
  return {
    usesPrev: false,
    check(value, _type, path, _prev, run) {
      if (set !== undefined && (value === null || typeof value !== "object")) {
        if (set.has(value)) return;
      } else if (allowed.some((candidate) => valuesEqual(value, candidate))) {
        return;
      }
      report(run, path, "enum", `${subject(path)} must be one of ${listed}, found ${formatValue(value)}`);
    },
  };
}

/** The App Services `validate` expression, delegated to the rules engine through the options hook. */
export function compileValidate(schema: JsonSchema): KeywordGroup | undefined {
  if (!("validate" in schema) || schema.validate === undefined) return undefined;
  const expression = schema.validate;
  return {
    usesPrev: true,
    check(value, _type, path, prev, run) {
      if (run.evaluate === undefined) return;
      let passed: boolean;
      try {
        passed = run.evaluate(expression, { this: value, prev, root: run.root, prevRoot: run.prevRoot });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report(run, path, "validate", `${subject(path)} could not be checked by its validate expression: ${reason}`);
        return;
      }
      if (passed !== true) report(run, path, "validate", `${subject(path)} does not satisfy its validate expression`);
    },
  };
}

function isPlainScalar(value: unknown): boolean {
  return (
    typeof value === "string" ||
    typeof value === "boolean" ||
    value === null ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

import { bsonTypeOf } from "../bson/types.ts";
import { definitionProblems } from "./definition.ts";
import { compileArrayKeywords } from "./keywords-array.ts";
import { compileEnum, compileTypeCheck, compileValidate } from "./keywords-common.ts";
import { compileObjectKeywords } from "./keywords-object.ts";
import { compileNumberKeywords, compileStringKeywords } from "./keywords-scalar.ts";
import type { CompiledNode, KeywordGroup, Run } from "./node.ts";
import type { JsonSchema, SchemaIssue, SchemaValidator, ValidateOptions } from "./types.ts";

const ACCEPT_ALL: CompiledNode = { check() {}, usesPrev: false, acceptsAll: true };

/**
 * Turns a schema into a reusable validator. Regexes, property maps and enum sets are
 * built once here, so a call does one walk over the document and allocates little
 * beyond the issues it reports.
 *
 * Issue order is fixed: at each node the type comes first (a wrong type ends that
 * node's checks, since every other rule would only repeat it), then enum, then the
 * rules of the value's family — counts, required, dependencies, then children in
 * document key or array order — and the node's `validate` last.
 *
 * A schema with definition problems (see checkSchemaDefinition) cannot be applied
 * faithfully, so its validator rejects every document with those problems rather
 * than letting writes through unchecked. Unknown keywords are ignored.
 */
export function compileSchema(schema: JsonSchema): SchemaValidator {
  const fatal = definitionProblems(schema).filter((problem) => problem.fatal);
  if (fatal.length > 0) {
    const issues: SchemaIssue[] = fatal.map((problem) => ({
      path: "",
      keyword: "schema",
      message: `the schema is invalid: ${problem.message}`,
    }));
    return () => issues.map((issue) => ({ ...issue }));
  }
  const root = compileNode(schema);
  return (doc, options) => {
    const run: Run = {
      issues: [],
      root: doc,
      prevRoot: options?.previous,
      evaluate: options?.evaluateExpression,
    };
    if (!root.acceptsAll) root.check(doc, "", options?.previous, run);
    return run.issues;
  };
}

function compileNode(schema: JsonSchema): CompiledNode {
  const typeCheck = compileTypeCheck(schema);
  const groups = [
    compileEnum(schema),
    compileObjectKeywords(schema, compileNode),
    compileArrayKeywords(schema, compileNode),
    compileStringKeywords(schema),
    compileNumberKeywords(schema),
    compileValidate(schema),
  ].filter((group): group is KeywordGroup => group !== undefined);
  if (typeCheck === undefined && groups.length === 0) return ACCEPT_ALL;
  return {
    usesPrev: groups.some((group) => group.usesPrev),
    acceptsAll: false,
    check(value, path, prev, run) {
      const type = bsonTypeOf(value);
      if (typeCheck !== undefined && !typeCheck(type, path, run)) return;
      for (let i = 0; i < groups.length; i++) groups[i].check(value, type, path, prev, run);
    },
  };
}

const cache = new WeakMap<object, SchemaValidator>();

/**
 * Validates a document (the full result of a write) against a schema; [] means valid.
 * Compiled validators are cached per schema object, so schemas must be treated as
 * immutable: a changed schema is a new object.
 */
export function validateDocument(
  schema: JsonSchema,
  doc: Record<string, unknown>,
  options?: ValidateOptions,
): SchemaIssue[] {
  if (schema === null || typeof schema !== "object") return compileSchema(schema)(doc, options);
  let validator = cache.get(schema);
  if (validator === undefined) {
    validator = compileSchema(schema);
    cache.set(schema, validator);
  }
  return validator(doc, options);
}

/** All issues as one line, for error messages and logs. */
export function formatSchemaIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => issue.message).join("; ");
}

import { isPlainObject } from "../bson/types.ts";
import { compilePattern } from "./regex.ts";
import { MONGODB_ONLY_BSON_TYPES, SCHEMA_JSON_TYPES, normalizeBsonTypeName } from "./type-names.ts";

/**
 * A problem in a schema definition. Only `fatal` ones stop a schema from being used:
 * unknown keywords are worth telling the author about, but validation ignores them.
 */
export interface DefinitionProblem {
  message: string;
  fatal: boolean;
}

const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  "bsonType", "type", "enum", "title", "description", "validate",
  "properties", "required", "additionalProperties", "patternProperties",
  "minProperties", "maxProperties", "dependencies",
  "items", "additionalItems", "minItems", "maxItems", "uniqueItems",
  "minLength", "maxLength", "pattern",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
]);

/** MongoDB $jsonSchema keywords App Services schemas leave out. */
const MONGODB_ONLY_KEYWORDS: ReadonlySet<string> = new Set([
  "allOf", "anyOf", "oneOf", "not", "$schema", "$id", "$ref", "definitions",
]);

const COUNT_PAIRS = [
  ["minProperties", "maxProperties"],
  ["minItems", "maxItems"],
  ["minLength", "maxLength"],
] as const;

/**
 * Problems in a schema as written (schema.json, or the Schema tab on save), each as
 * "<where> <what>", where <where> is the dotted path of the keyword inside the schema.
 * An empty list means the schema can be saved; `{}` is a valid schema.
 */
export function checkSchemaDefinition(schema: unknown): string[] {
  return definitionProblems(schema).map((problem) => problem.message);
}

export function definitionProblems(schema: unknown): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (!isPlainObject(schema)) {
    problems.push({ message: "the schema must be a JSON object", fatal: true });
    return problems;
  }
  checkRootType(schema, problems);
  checkNode(schema, "", problems, new Set([schema]));
  return problems;
}

/** The root describes the document itself, so it can only be an object (or leave its type unsaid). */
function checkRootType(schema: Record<string, unknown>, problems: DefinitionProblem[]): void {
  const isObjectOnly = (value: unknown, normalize: (name: string) => string | undefined) => {
    const names = Array.isArray(value) ? value : [value];
    return names.length > 0 && names.every((name) => typeof name === "string" && normalize(name) === "object");
  };
  if (schema.bsonType !== undefined && !isObjectOnly(schema.bsonType, normalizeBsonTypeName)) {
    problems.push({ message: 'root must have bsonType "object"', fatal: true });
  }
  if (schema.type !== undefined && !isObjectOnly(schema.type, (name) => name)) {
    problems.push({ message: 'root must have type "object"', fatal: true });
  }
}

function checkNode(
  node: Record<string, unknown>,
  path: string,
  problems: DefinitionProblem[],
  ancestors: Set<object>,
): void {
  const at = (keyword: string) => (path === "" ? keyword : `${path}.${keyword}`);
  const fail = (message: string) => problems.push({ message, fatal: true });
  const child = (value: unknown, childPath: string) => {
    if (!isPlainObject(value)) {
      fail(`${childPath} must be a schema object`);
    } else if (ancestors.has(value)) {
      fail(`${childPath}: a schema cannot contain itself`);
    } else {
      ancestors.add(value);
      checkNode(value, childPath, problems, ancestors);
      ancestors.delete(value);
    }
  };
  const schemaMap = (keyword: string, checkKey?: (key: string) => void) => {
    const value = node[keyword];
    if (!isPlainObject(value)) return fail(`${at(keyword)} must be an object mapping names to schemas`);
    for (const [key, sub] of Object.entries(value)) {
      checkKey?.(key);
      child(sub, `${at(keyword)}.${key}`);
    }
  };
  const boolOrSchema = (keyword: string) => {
    if (typeof node[keyword] !== "boolean") child(node[keyword], at(keyword));
  };
  const regex = (pattern: string, where: string) => {
    const compiled = compilePattern(pattern);
    if (compiled instanceof RegExp) return;
    fail(`${where}: invalid regular expression ${JSON.stringify(pattern)} (${compiled.message})`);
  };

  if (node.type !== undefined && node.bsonType !== undefined) {
    const problem = "type and bsonType cannot be used together";
    fail(path === "" ? problem : `${path}: ${problem}`);
  }

  for (const keyword of Object.keys(node)) {
    const value = node[keyword];
    if (!KNOWN_KEYWORDS.has(keyword)) {
      const what = MONGODB_ONLY_KEYWORDS.has(keyword)
        ? "keyword is not supported by App Services schemas"
        : "unknown keyword";
      problems.push({ message: `${at(keyword)}: ${what}`, fatal: false });
      continue;
    }
    switch (keyword) {
      case "bsonType":
        checkTypeNames(value, at(keyword), problems, (name) => {
          if (normalizeBsonTypeName(name) !== undefined) return undefined;
          if (MONGODB_ONLY_BSON_TYPES.has(name)) return `type "${name}" is not supported by App Services schemas`;
          return `unknown type "${name}"`;
        });
        break;
      case "type":
        checkTypeNames(value, at(keyword), problems, (name) => {
          if ((SCHEMA_JSON_TYPES as readonly string[]).includes(name)) return undefined;
          if (name === "integer") return 'unknown type "integer" (use bsonType "int" or "long")';
          return `unknown type "${name}"`;
        });
        break;
      case "enum":
        if (!Array.isArray(value) || value.length === 0) fail(`${at(keyword)} must be a non-empty array`);
        break;
      case "title":
      case "description":
        if (typeof value !== "string") fail(`${at(keyword)} must be a string`);
        break;
      case "validate":
        if (typeof value !== "boolean" && !isPlainObject(value)) {
          fail(`${at(keyword)} must be a JSON expression (an object or a boolean)`);
        }
        break;
      case "properties":
        schemaMap(keyword);
        break;
      case "patternProperties":
        schemaMap(keyword, (key) => regex(key, `${at(keyword)}.${key}`));
        break;
      case "additionalProperties":
      case "additionalItems":
        boolOrSchema(keyword);
        break;
      case "required":
        checkNames(value, at(keyword), problems);
        break;
      case "dependencies":
        if (!isPlainObject(value)) {
          fail(`${at(keyword)} must be an object mapping property names to schemas or lists of names`);
          break;
        }
        for (const [key, dep] of Object.entries(value)) {
          if (Array.isArray(dep)) checkNames(dep, `${at(keyword)}.${key}`, problems);
          else child(dep, `${at(keyword)}.${key}`);
        }
        break;
      case "items":
        if (Array.isArray(value)) value.forEach((item, i) => child(item, `${at(keyword)}.${i}`));
        else if (isPlainObject(value)) child(value, at(keyword));
        else fail(`${at(keyword)} must be a schema or an array of schemas`);
        break;
      case "minProperties":
      case "maxProperties":
      case "minItems":
      case "maxItems":
      case "minLength":
      case "maxLength":
        if (!Number.isSafeInteger(value) || (value as number) < 0) {
          fail(`${at(keyword)} must be a non-negative integer`);
        }
        break;
      case "uniqueItems":
        if (typeof value !== "boolean") fail(`${at(keyword)} must be a boolean`);
        break;
      case "pattern":
        if (typeof value !== "string") fail(`${at(keyword)} must be a string`);
        else regex(value, at(keyword));
        break;
      case "minimum":
      case "maximum":
        if (typeof value !== "number" || !Number.isFinite(value)) fail(`${at(keyword)} must be a number`);
        break;
      case "multipleOf":
        if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
          fail(`${at(keyword)} must be a number greater than 0`);
        }
        break;
      case "exclusiveMinimum":
      case "exclusiveMaximum": {
        const bound = keyword === "exclusiveMinimum" ? "minimum" : "maximum";
        if (typeof value !== "boolean") fail(`${at(keyword)} must be a boolean (draft 4 style)`);
        else if (node[bound] === undefined) fail(`${at(keyword)} requires ${bound}`);
        break;
      }
    }
  }

  for (const [min, max] of COUNT_PAIRS) checkOrder(node, min, max, at, fail);
  checkOrder(node, "minimum", "maximum", at, fail);
}

function checkOrder(
  node: Record<string, unknown>,
  min: string,
  max: string,
  at: (keyword: string) => string,
  fail: (message: string) => void,
): void {
  const low = node[min];
  const high = node[max];
  if (typeof low === "number" && typeof high === "number" && low > high) {
    fail(`${at(min)} must not be greater than ${max} (${low} > ${high})`);
  }
}

function checkTypeNames(
  value: unknown,
  where: string,
  problems: DefinitionProblem[],
  problemWith: (name: string) => string | undefined,
): void {
  const names = Array.isArray(value) ? value : [value];
  if (names.length === 0 || !names.every((name) => typeof name === "string")) {
    problems.push({ message: `${where} must be a string or a non-empty array of strings`, fatal: true });
    return;
  }
  const seen = new Set<string>();
  for (const name of names as string[]) {
    const problem = problemWith(name);
    if (problem !== undefined) problems.push({ message: `${where}: ${problem}`, fatal: true });
    const key = normalizeBsonTypeName(name) ?? name;
    if (seen.has(key)) problems.push({ message: `${where}: type "${name}" is listed more than once`, fatal: true });
    seen.add(key);
  }
}

function checkNames(value: unknown, where: string, problems: DefinitionProblem[]): void {
  if (!Array.isArray(value) || !value.every((name) => typeof name === "string")) {
    problems.push({ message: `${where} must be an array of strings`, fatal: true });
    return;
  }
  const seen = new Set<string>();
  for (const name of value as string[]) {
    if (seen.has(name)) problems.push({ message: `${where}: "${name}" is listed more than once`, fatal: true });
    seen.add(name);
  }
}

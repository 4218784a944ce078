import { expect } from "vitest";

import { type JsonSchema, type SchemaIssue, type ValidateOptions, validateDocument } from "../../src/schema/index.ts";

/** An expected issue: path and keyword, and optionally the exact message. */
export type Expected = [path: string, keyword: string, message?: string];

export interface Case {
  name: string;
  schema: JsonSchema;
  doc: Record<string, unknown>;
  issues: Expected[];
  options?: ValidateOptions;
}

export function expectIssues(actual: SchemaIssue[], expected: Expected[]): void {
  expect(actual.map((issue) => [issue.path, issue.keyword])).toEqual(expected.map(([path, keyword]) => [path, keyword]));
  expected.forEach(([, , message], i) => {
    if (message !== undefined) expect(actual[i].message).toBe(message);
  });
}

export function runCase({ schema, doc, issues, options }: Case): void {
  expectIssues(validateDocument(schema, doc, options), issues);
}

/** Wraps a property schema in a root object schema, so cases can focus on one field. */
export function field(schema: JsonSchema): JsonSchema {
  return { bsonType: "object", properties: { v: schema } };
}

import { childPath, plural, subject } from "./messages.ts";
import { type CompileChild, type CompiledNode, type KeywordGroup, prevProperty, report } from "./node.ts";
import { compilePattern } from "./regex.ts";
import type { JsonSchema } from "./types.ts";

type Dependency = { key: string; requires: readonly string[] } | { key: string; node: CompiledNode };

/** required, properties, patternProperties, additionalProperties, min/maxProperties, dependencies. */
export function compileObjectKeywords(schema: JsonSchema, compile: CompileChild): KeywordGroup | undefined {
  const required = schema.required ?? [];
  const properties = new Map<string, CompiledNode>();
  for (const [key, child] of Object.entries(schema.properties ?? {})) properties.set(key, compile(child));
  const patterns: { regex: RegExp; node: CompiledNode }[] = [];
  for (const [pattern, child] of Object.entries(schema.patternProperties ?? {})) {
    const regex = compilePattern(pattern);
    // Invalid patterns are caught by the definition check before compiling.
    if (regex instanceof RegExp) patterns.push({ regex, node: compile(child) });
  }
  const additional =
    schema.additionalProperties === undefined || schema.additionalProperties === true
      ? true
      : schema.additionalProperties === false
        ? false
        : compile(schema.additionalProperties);
  const dependencies: Dependency[] = Object.entries(schema.dependencies ?? {}).map(([key, dep]) =>
    Array.isArray(dep) ? { key, requires: dep } : { key, node: compile(dep) },
  );
  const { minProperties, maxProperties } = schema;

  const additionalNode = typeof additional === "object" && !additional.acceptsAll ? additional : undefined;
  const walkKeys =
    additional === false ||
    additionalNode !== undefined ||
    patterns.length > 0 ||
    [...properties.values()].some((node) => !node.acceptsAll);
  const counts = minProperties !== undefined || maxProperties !== undefined;
  if (!walkKeys && !counts && required.length === 0 && dependencies.length === 0) return undefined;

  const usesPrev =
    [...properties.values()].some((node) => node.usesPrev) ||
    patterns.some((p) => p.node.usesPrev) ||
    (additionalNode?.usesPrev ?? false) ||
    dependencies.some((dep) => "node" in dep && dep.node.usesPrev);

  return {
    usesPrev,
    check(value, type, path, prev, run) {
      if (type !== "object") return;
      const doc = value as Record<string, unknown>;

      if (counts) {
        const count = countProperties(doc);
        if (minProperties !== undefined && count < minProperties) {
          const expected = plural(minProperties, "property", "properties");
          report(run, path, "minProperties", `${subject(path)} must have at least ${expected}, found ${count}`);
        }
        if (maxProperties !== undefined && count > maxProperties) {
          const expected = plural(maxProperties, "property", "properties");
          report(run, path, "maxProperties", `${subject(path)} must have at most ${expected}, found ${count}`);
        }
      }

      for (const name of required) {
        if (has(doc, name)) continue;
        const missing = childPath(path, name);
        report(run, missing, "required", `property ${subject(missing)} is required`);
      }

      for (const dep of dependencies) {
        if (!has(doc, dep.key)) continue;
        if ("requires" in dep) {
          for (const name of dep.requires) {
            if (!has(doc, name)) {
              const missing = childPath(path, name);
              const because = `when ${subject(childPath(path, dep.key))} is present`;
              report(run, missing, "dependencies", `property ${subject(missing)} is required ${because}`);
            }
          }
        } else {
          dep.node.check(doc, path, prev, run);
        }
      }

      if (!walkKeys) return;
      for (const key in doc) {
        const item = doc[key];
        if (item === undefined) continue;
        const itemPath = childPath(path, key);
        const node = properties.get(key);
        let matched = node !== undefined;
        if (node !== undefined && !node.acceptsAll) {
          node.check(item, itemPath, node.usesPrev ? prevProperty(prev, key) : undefined, run);
        }
        for (const pattern of patterns) {
          if (!pattern.regex.test(key)) continue;
          matched = true;
          pattern.node.check(item, itemPath, pattern.node.usesPrev ? prevProperty(prev, key) : undefined, run);
        }
        if (matched) continue;
        if (additional === false) {
          report(run, itemPath, "additionalProperties", `property ${subject(itemPath)} is not allowed by the schema`);
        } else if (additionalNode !== undefined) {
          additionalNode.check(item, itemPath, additionalNode.usesPrev ? prevProperty(prev, key) : undefined, run);
        }
      }
    },
  };
}

/** Present means an own property with a value; `undefined` is dropped when a document is stored. */
function has(doc: Record<string, unknown>, name: string): boolean {
  return Object.hasOwn(doc, name) && doc[name] !== undefined;
}

function countProperties(doc: Record<string, unknown>): number {
  let count = 0;
  for (const key in doc) if (doc[key] !== undefined) count++;
  return count;
}

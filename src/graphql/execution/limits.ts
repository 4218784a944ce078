/**
 * Request limits, checked on the parsed document before validation so that hostile
 * input (deep nesting, fragment fan-out) costs a bounded walk. The first two are App
 * Services' documented limits with their messages; the rest protect the sandbox.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

import { RELATIONSHIP_EXTENSION } from "../schema/types.ts";

export interface GraphQLLimits {
  /** Root fields (resolvers) per operation. */
  maxResolvers: number;
  /** Nested relationship fields along one path. */
  maxRelationshipDepth: number;
  /** Nested selection sets along one path. */
  maxDepth: number;
  /** Fields after expanding fragments, per document. */
  maxSelections: number;
  /** Nesting of argument literals and variable values. */
  maxInputDepth: number;
  maxTokens: number;
  maxQueryLength: number;
}

export const DEFAULT_LIMITS: GraphQLLimits = {
  maxResolvers: 10,
  maxRelationshipDepth: 5,
  maxDepth: 32,
  maxSelections: 10_000,
  maxInputDepth: 64,
  maxTokens: 20_000,
  maxQueryLength: 256 * 1024,
};

export const MAX_QUERIES_MESSAGE = "max number of queries reached";
export const MAX_RELATIONSHIP_DEPTH_MESSAGE = "max relationship depth exceeded";

class Stop extends Error {}

/** Errors for the first limit each operation breaks; empty when the document is within limits. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, limits: GraphQLLimits): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const errors: GraphQLError[] = [];
  const reported = new Set<string>();
  const report = (message: string, node?: { loc?: unknown }) => {
    if (reported.has(message)) return;
    reported.add(message);
    errors.push(new GraphQLError(message, node ? { nodes: node as never } : undefined));
  };
  let selections = 0;

  const walk = (set: SelectionSetNode, type: GraphQLNamedType | undefined, depth: number, relationships: number, open: Set<string>) => {
    for (const selection of set.selections) {
      if (++selections > limits.maxSelections) throw new Stop(`the query selects more than ${limits.maxSelections} fields once fragments are expanded`);
      if (selection.kind === Kind.FIELD) {
        for (const arg of selection.arguments ?? []) {
          if (valueDepth(arg.value, limits.maxInputDepth + 1) > limits.maxInputDepth) {
            report(`an argument is nested more than ${limits.maxInputDepth} levels deep`, arg);
          }
        }
        const name = selection.name.value;
        const def = isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        const fieldType = def ? getNamedType(def.type) : name === "__schema" ? schema.getType("__Schema") : name === "__type" ? schema.getType("__Type") : undefined;
        const nested = relationships + (def?.extensions?.[RELATIONSHIP_EXTENSION] ? 1 : 0);
        if (nested > limits.maxRelationshipDepth) report(MAX_RELATIONSHIP_DEPTH_MESSAGE, selection);
        if (!selection.selectionSet) continue;
        if (depth + 1 > limits.maxDepth) {
          report(`the query is nested more than ${limits.maxDepth} levels deep`, selection);
          continue;
        }
        walk(selection.selectionSet, fieldType ?? undefined, depth + 1, nested, open);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        walk(selection.selectionSet, inner, depth, relationships, open);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Cycles are a validation error; here they only must not loop.
        if (!fragment || open.has(name)) continue;
        open.add(name);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), depth, relationships, open);
        open.delete(name);
      }
    }
  };

  try {
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const root = def.operation === "mutation" ? schema.getMutationType() : def.operation === "query" ? schema.getQueryType() : undefined;
      walk(def.selectionSet, root ?? undefined, 1, 0, new Set());
      // After the walk, which bounds the work fragment fan-out can cause.
      if (rootFieldCount(def.selectionSet, fragments) > limits.maxResolvers) report(MAX_QUERIES_MESSAGE, def);
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    errors.push(new GraphQLError(error.message));
  }
  return errors;
}

/** Root fields of an operation (fragments expanded, introspection fields not counted). */
export function rootFieldCount(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, open = new Set<string>()): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith("__")) count++;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += rootFieldCount(selection.selectionSet, fragments, open);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || open.has(fragment.name.value)) continue;
      open.add(fragment.name.value);
      count += rootFieldCount(fragment.selectionSet, fragments, open);
      open.delete(fragment.name.value);
    }
  }
  return count;
}

/** Nesting depth of a literal, counted up to `cap`. */
function valueDepth(value: ValueNode, cap: number, depth = 1): number {
  if (depth >= cap) return depth;
  let max = depth;
  if (value.kind === Kind.LIST) for (const item of value.values) max = Math.max(max, valueDepth(item, cap, depth + 1));
  else if (value.kind === Kind.OBJECT) for (const field of value.fields) max = Math.max(max, valueDepth(field.value, cap, depth + 1));
  return max;
}

/** Nesting depth of a JSON value (variables), counted up to `cap`. */
export function jsonDepth(value: unknown, cap: number, depth = 0): number {
  if (depth >= cap || value === null || typeof value !== "object") return depth;
  let max = depth + 1;
  for (const item of Object.values(value as object)) {
    max = Math.max(max, jsonDepth(item, cap, depth + 1));
    if (max >= cap) break;
  }
  return max;
}

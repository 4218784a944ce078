/**
 * Runs graphql-js and the resolvers once on the deployed schema while the backend is idle.
 * Code that has never run is interpreted and several times slower than code that has, so
 * without this the first GraphQL request after a start costs far more than later ones.
 */
import {
  execute,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

import type { RequestContext } from "../services/request-context.ts";
import { checkLimits, type GraphQLLimits } from "./execution/limits.ts";
import { RequestState, type GraphQLHost } from "./execution/state.ts";
import { CUSTOM_RESOLVER_EXTENSION } from "./schema/custom.ts";

/** Parsing, the limits, validation (variables, directives, fragments) and execution, reading no data. */
const INTROSPECTION = "query WarmUp($skip: Boolean = false) { __typename @skip(if: $skip) ...Root } fragment Root on Query { __schema { queryType { name } } }";

/**
 * @param context who reads the sample documents (the system: no rules run, so no app
 *   function does); nothing is written and nothing is logged
 */
export async function warmUp(host: GraphQLHost, schema: GraphQLSchema, limits: GraphQLLimits, context: RequestContext): Promise<void> {
  const queryType = schema.getQueryType();
  if (!queryType) return;
  const document = parse(INTROSPECTION.replace("on Query", `on ${queryType.name}`));
  checkLimits(schema, document, limits);
  if (validate(schema, document, specifiedRules).length === 0) await execute({ schema, document });
  const sample = sampleRead(schema);
  if (!sample) return;
  const read = parse(sample);
  if (validate(schema, read, specifiedRules).length > 0) return;
  await execute({ schema, document: read, contextValue: new RequestState(host, context, "off") });
}

/** Collections read by the warm-up, at most: each costs one document read. */
const SAMPLED_COLLECTIONS = 20;

/**
 * One document of each listed collection: its scalar fields, and the `__typename` of each
 * relationship, so the relationship loader runs too; never a field that runs an app
 * function (custom resolvers), so no app code runs at idle.
 */
function sampleRead(schema: GraphQLSchema): string | undefined {
  const lists = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) => {
    const type = isNonNullType(field.type) ? field.type.ofType : field.type;
    return isListType(type) && isObjectType(getNamedType(type)) && field.args.some((arg) => arg.name === "limit");
  });
  const reads = lists.slice(0, SAMPLED_COLLECTIONS).map((list) => {
    const item = getNamedType(list.type) as GraphQLObjectType;
    const selections = Object.values(item.getFields())
      .filter((field) => !field.extensions[CUSTOM_RESOLVER_EXTENSION] && field.args.length === 0)
      .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`));
    return `${list.name}(limit: 1) { __typename ${selections.join(" ")} }`;
  });
  return reads.length > 0 ? `query WarmUpRead { ${reads.join(" ")} }` : undefined;
}

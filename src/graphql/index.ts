/** The generated GraphQL API: SDL from collection schemas and relationships, resolvers over the MongoDB service. */
export { createGraphQLEndpoint, type GraphQLEndpoint, type GraphQLRequestBody, type GraphQLResponse } from "./endpoint.ts";
export type { GraphQLHost } from "./execution/state.ts";
export { DEFAULT_LIMITS, MAX_QUERIES_MESSAGE, MAX_RELATIONSHIP_DEPTH_MESSAGE, type GraphQLLimits } from "./execution/limits.ts";
export { appSchemaOf, buildAppSchema, printAppSchema, type AppSchema } from "./schema/build.ts";
export { pluralize, singularize } from "./naming/inflect.ts";

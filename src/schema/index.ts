export type {
  ExpressionBindings,
  JsonSchema,
  SchemaBsonType,
  SchemaIssue,
  SchemaJsonType,
  SchemaValidator,
  ValidateOptions,
} from "./types.ts";
export { compileSchema, formatSchemaIssues, validateDocument } from "./compile.ts";
export { type DefinitionProblem, checkSchemaDefinition, definitionProblems } from "./definition.ts";
export { type CanonicalBsonTypeName, SCHEMA_BSON_TYPES, normalizeBsonTypeName } from "./type-names.ts";

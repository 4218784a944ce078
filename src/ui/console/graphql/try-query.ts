/**
 * A first operation that calls a custom resolver's field, for the playground: the field
 * with a few of its result's fields selected, reached through a list query when it is a
 * computed field of a type.
 */
import { getNamedType, isListType, isNonNullType, isObjectType, isScalarType, isEnumType, type GraphQLField, type GraphQLSchema, type GraphQLType } from "graphql";

const MAX_FIELDS = 5;

export function tryQuery(schema: GraphQLSchema, onType: string, fieldName: string): string | undefined {
  const parent = schema.getType(onType);
  if (!isObjectType(parent)) return undefined;
  const field = parent.getFields()[fieldName];
  if (!field) return undefined;
  const call = `${field.name}${selection(field.type, "    ")}`;
  if (parent === schema.getQueryType()) return `query Try {\n  ${call}\n}\n`;
  if (parent === schema.getMutationType()) return `mutation Try {\n  ${call}\n}\n`;
  // A computed field: ask for it on a list of its type.
  // The generated list query (it takes a limit) rather than another resolver's list.
  const lists = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((f) => isListOf(f, parent.name));
  const list = lists.find((f) => f.args.some((a) => a.name === "limit")) ?? lists[0];
  if (!list) return undefined;
  const limit = list.args.some((a) => a.name === "limit") ? "(limit: 5)" : "";
  return `query Try {\n  ${list.name}${limit} {\n    _id\n    ${field.name}${selection(field.type, "      ")}\n  }\n}\n`;
}

function isListOf(field: GraphQLField<unknown, unknown>, typeName: string): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type) && getNamedType(type).name === typeName;
}

/** ` { a b c }` for an object result (its first leaf fields), nothing for a leaf. */
function selection(type: GraphQLType, indent: string): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return "";
  const leaves = Object.values(named.getFields())
    .filter((f) => {
      const inner = getNamedType(f.type);
      return (isScalarType(inner) || isEnumType(inner)) && !f.args.some((a) => isNonNullType(a.type));
    })
    .slice(0, MAX_FIELDS)
    .map((f) => f.name);
  if (leaves.length === 0) return " { __typename }";
  return ` {\n${leaves.map((l) => `${indent}${l}`).join("\n")}\n${indent.slice(2)}}`;
}

import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";

type Normal = Record<string, unknown>;

const sorted = <T>(entries: [string, T][]): Record<string, T> => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** A schema as an order-free structure: field and argument order in real SDL downloads is random. */
export function normalizeSchema(schema: GraphQLSchema, only?: (name: string) => boolean): Record<string, Normal> {
  const types: [string, Normal][] = [];
  for (const [name, type] of Object.entries(schema.getTypeMap())) {
    if (name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (only && !only(name)) continue;
    types.push([name, normalizeType(type)]);
  }
  return sorted(types);
}

function normalizeType(type: GraphQLNamedType): Normal {
  if (isObjectType(type) || isInterfaceType(type)) {
    return {
      kind: "object",
      fields: sorted(
        Object.values(type.getFields()).map((field) => [
          field.name,
          { type: String(field.type), args: sorted(field.args.map((arg) => [arg.name, { type: String(arg.type), default: arg.defaultValue }])) },
        ]),
      ),
    };
  }
  if (isInputObjectType(type)) {
    return { kind: "input", fields: sorted(Object.values(type.getFields()).map((field) => [field.name, String(field.type)])) };
  }
  if (isEnumType(type)) return { kind: "enum", values: type.getValues().map((v) => v.name).sort() };
  if (isScalarType(type)) return { kind: "scalar" };
  return { kind: "other" };
}

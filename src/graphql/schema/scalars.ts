/**
 * The custom scalars of the generated API. ObjectId travels as a hex string, DateTime as
 * an RFC 3339 string, Long as a JSON number while it is exactly representable and as a
 * decimal string beyond ±2^53. Inside the backend they are bson values.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";

import { Long, ObjectId, Timestamp, isLong } from "../../bson/types.ts";

const HEX_ID = /^[0-9a-fA-F]{24}$/;
const INTEGER = /^-?\d+$/;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function describe(value: unknown): string {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    return String(value);
  }
}

function parseObjectId(value: unknown): ObjectId {
  if (value instanceof ObjectId) return value;
  if (typeof value === "string" && HEX_ID.test(value)) return new ObjectId(value);
  throw new GraphQLError(`ObjectId cannot represent value: ${describe(value)}`);
}

export const GraphQLObjectId = new GraphQLScalarType({
  name: "ObjectId",
  serialize(value) {
    if (value instanceof ObjectId) return value.toHexString();
    // InsertManyPayload.insertedIds is typed [ObjectId] even for other _id types.
    if (typeof value === "string" || typeof value === "number") return value;
    throw new GraphQLError(`ObjectId cannot represent value: ${describe(value)}`);
  },
  parseValue: parseObjectId,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`ObjectId cannot represent a non-string value: ${print(ast)}`, { nodes: ast });
    return parseObjectId(ast.value);
  },
});

function parseDate(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : typeof value === "number" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent value: ${describe(value)}`);
  return date;
}

export const GraphQLDateTime = new GraphQLScalarType({
  name: "DateTime",
  serialize(value) {
    if (value instanceof Timestamp) return new Date(value.getHighBitsUnsigned() * 1000).toISOString();
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value === "string" || typeof value === "number") return parseDate(value).toISOString();
    throw new GraphQLError(`DateTime cannot represent value: ${describe(value)}`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) {
      throw new GraphQLError(`DateTime cannot represent value: ${print(ast)}`, { nodes: ast });
    }
    return parseDate(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
  },
});

function parseLong(value: unknown, node?: ValueNode): Long {
  let big: bigint | undefined;
  if (typeof value === "number" && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === "string" && INTEGER.test(value)) big = BigInt(value);
  else if (typeof value === "bigint") big = value;
  else if (isLong(value)) return value;
  if (big === undefined || big < LONG_MIN || big > LONG_MAX) {
    throw new GraphQLError(`Long cannot represent value: ${node ? print(node) : describe(value)}`, node ? { nodes: node } : undefined);
  }
  return Long.fromBigInt(big);
}

export const GraphQLLong = new GraphQLScalarType({
  name: "Long",
  serialize(value) {
    const long = isLong(value) ? value : typeof value === "number" && Number.isInteger(value) ? Long.fromNumber(value) : undefined;
    if (!long) throw new GraphQLError(`Long cannot represent value: ${describe(value)}`);
    const big = long.toBigInt();
    return big >= -(2n ** 53n) && big <= 2n ** 53n ? Number(big) : big.toString();
  },
  parseValue: (value) => parseLong(value),
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parseLong(ast.value, ast);
    throw new GraphQLError(`Long cannot represent value: ${print(ast)}`, { nodes: ast });
  },
});

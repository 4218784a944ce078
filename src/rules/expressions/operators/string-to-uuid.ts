import { Binary, UUID } from "../../../bson/types.ts";
import type { ConvertOperator } from "../_internal.ts";

const UUID_TEXT = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/**
 * `%stringToUuid` (2023): a UUID string (36 characters with dashes, or 32 hex digits)
 * becomes a UUID (binary subtype 4). A UUID passes through; missing stays missing.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-stringToUuid
 */
export const stringToUuid: ConvertOperator = {
  kind: "convert",
  name: "stringToUuid",
  prefixes: "%$",
  inputProblem(value) {
    if (value instanceof Binary && value.sub_type === Binary.SUBTYPE_UUID) return undefined;
    if (typeof value !== "string") return "a string";
    return UUID_TEXT.test(value) ? undefined : "a UUID string";
  },
  convert: (value) => (value instanceof Binary ? value : new UUID(value as string)),
};

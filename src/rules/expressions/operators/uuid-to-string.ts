import { Binary, UUID } from "../../../bson/types.ts";
import type { ConvertOperator } from "../_internal.ts";

/**
 * `%uuidToString` (2023): a UUID (binary subtype 4) becomes its dashed, lower-case
 * string form. Missing stays missing.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-uuidToString
 */
export const uuidToString: ConvertOperator = {
  kind: "convert",
  name: "uuidToString",
  prefixes: "%$",
  inputProblem: (value) => (value instanceof Binary && value.sub_type === Binary.SUBTYPE_UUID ? undefined : "a UUID"),
  convert: (value) => (value instanceof UUID ? value : (value as Binary).toUUID()).toHexString(),
};

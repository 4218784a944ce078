import { ObjectId } from "../../../bson/types.ts";
import type { ConvertOperator } from "../_internal.ts";

const HEX24 = /^[0-9a-fA-F]{24}$/;

/**
 * `%stringToOid`: a 24-hex string (a literal or an expansion, never a nested operator)
 * becomes an ObjectId, e.g. `{"_id": {"%stringToOid": "%%user.id"}}`. An ObjectId passes
 * through unchanged; missing stays missing.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-stringToOid
 */
export const stringToOid: ConvertOperator = {
  kind: "convert",
  name: "stringToOid",
  prefixes: "%$",
  inputProblem(value) {
    if (value instanceof ObjectId) return undefined;
    if (typeof value !== "string") return "a string";
    return HEX24.test(value) ? undefined : "a 24-character hex string";
  },
  convert: (value) => (value instanceof ObjectId ? value : ObjectId.createFromHexString(value as string)),
};

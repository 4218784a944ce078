import { ObjectId } from "../../../bson/types.ts";
import type { ConvertOperator } from "../_internal.ts";

/**
 * `%oidToString`: an ObjectId (from an expansion such as `%%root._id`) becomes its
 * 24-hex string, e.g. to compare a document id with `%%user.id`. Missing stays missing.
 * https://www.mongodb.com/docs/atlas/app-services/rules/expressions/#mongodb-json-op-oidToString
 */
export const oidToString: ConvertOperator = {
  kind: "convert",
  name: "oidToString",
  prefixes: "%$",
  inputProblem: (value) => (value instanceof ObjectId ? undefined : "an ObjectId"),
  convert: (value) => (value as ObjectId).toHexString(),
};

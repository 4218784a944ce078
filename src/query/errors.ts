import { AppServicesError } from "../core/app-services-error.ts";
import { RegexSyntaxError } from "../core/linear-regexp.ts";
import { regexError } from "./regex.ts";

/** Turns a mingo failure (bad operator, bad operand) into the MongoDB error clients see. */
export function queryError(error: unknown, what: string): AppServicesError {
  if (error instanceof AppServicesError) return error;
  if (error instanceof RegexSyntaxError) return regexError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AppServicesError("MongoDBError", `invalid ${what}: ${message}`);
}

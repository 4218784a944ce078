import { AppServicesError } from "../core/app-services-error.ts";

/** Turns a mingo failure (bad operator, bad operand) into the MongoDB error clients see. */
export function queryError(error: unknown, what: string): AppServicesError {
  if (error instanceof AppServicesError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppServicesError("MongoDBError", `invalid ${what}: ${message}`);
}

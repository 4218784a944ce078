import { ERROR_STATUS, type ErrorCode } from "./error-codes.ts";

/**
 * The one error type the backend raises for expected failures. It carries the App
 * Services `error_code` and the message text clients see, so every transport can
 * render `{error, error_code, link}` the same way.
 */
export class AppServicesError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  /** Structured detail for the console and logs (e.g. the failing schema path). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppServicesError";
    this.code = code;
    this.httpStatus = ERROR_STATUS[code];
    this.details = details;
  }
}

export function isAppServicesError(value: unknown): value is AppServicesError {
  return value instanceof AppServicesError;
}

/** Throws an AppServicesError unless the condition holds. */
export function ensure(condition: unknown, code: ErrorCode, message: string): asserts condition {
  if (!condition) throw new AppServicesError(code, message);
}

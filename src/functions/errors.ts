import { AppServicesError, isAppServicesError } from "../core/app-services-error.ts";
import type { RunFailure } from "./runner/protocol.ts";

export const TIME_LIMIT_MESSAGE = "execution time limit exceeded";
/** The start of every memory-limit message, after App Services' time-limit wording. */
export const MEMORY_LIMIT_MESSAGE = "execution memory limit exceeded";

export function functionNotFound(name: string): AppServicesError {
  return new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
}

export function timeLimitExceeded(name: string, timeoutMs: number): AppServicesError {
  return new AppServicesError("ExecutionTimeLimitExceeded", TIME_LIMIT_MESSAGE, { function: name, timeoutMs });
}

/**
 * A failure reported by the runner as the caller sees it. Clients get the thrown
 * message (FunctionExecutionError), as App Services answered; the line and the user
 * stack frames ride along in the details for the log.
 */
export function failureError(name: string, failure: RunFailure): AppServicesError {
  const where = { function: name, line: failure.line, column: failure.column, stack: failure.stack, errorCode: failure.code };
  switch (failure.kind) {
    case "syntax":
      return new AppServicesError(
        "FunctionSyntaxError",
        `syntax error in function "${name}"${failure.line ? ` at line ${failure.line}` : ""}: ${failure.message}`,
        where,
      );
    case "invalid":
      return new AppServicesError("FunctionInvalid", failure.message, where);
    case "memory":
      return new AppServicesError("FunctionExecutionError", failure.message, where);
    case "rejection":
      return new AppServicesError("FunctionExecutionError", `unhandled promise rejection: ${failure.message}`, where);
    default:
      return new AppServicesError("FunctionExecutionError", failure.message, where);
  }
}

/**
 * A runner that stopped on its own. Past its heap limit, Node ends a worker with an
 * out-of-memory error: that is the function's memory limit too.
 */
export function runnerStopped(reason: string): AppServicesError {
  const outOfMemory = /out of memory|memory limit/i.test(reason);
  return new AppServicesError(
    "FunctionExecutionError",
    outOfMemory ? `${MEMORY_LIMIT_MESSAGE}: the function runner stopped: ${reason}` : `the function runner stopped: ${reason}`,
  );
}

/** Anything thrown on the host side of a call, as an App Services error. */
export function asAppServicesError(error: unknown): AppServicesError {
  if (isAppServicesError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppServicesError("InternalServerError", message);
}

/** The error as a log entry records it. */
export function errorDetails(error: AppServicesError): Record<string, unknown> {
  const { line, column, stack } = (error.details ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { code: error.code, message: error.message };
  if (line !== undefined) out.line = line;
  if (column !== undefined) out.column = column;
  if (stack !== undefined) out.stack = stack;
  return out;
}

import type { SandboxApp } from "../app/app.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { CallRecord, RunOptions } from "../functions/runtime.ts";
import type { RequestContext } from "../services/request-context.ts";

/** What the function did to its `response` argument: headers as the calls made them. */
export interface ResponseState {
  /** Whether any response method was called (webhooks then answer from it alone). */
  touched: boolean;
  status?: unknown;
  body?: unknown;
  headers: ["set" | "add", string, string][];
}

export interface HandlerOutcome {
  /** The function's return value (undefined when it returned nothing). */
  result: unknown;
  response: ResponseState;
}

/** The part of the function runtime that runs a source in place of the deployed one. */
interface SourceRunner {
  execute(name: string, args: unknown[], options: RunOptions): Promise<CallRecord>;
}

/**
 * Function runners only exchange data, so the `response` object with its methods is
 * made inside the runner: the handler's source runs inside a wrapper that passes it a
 * response recorder and returns the recording with the result. The source starts on
 * the wrapper's first line, so error lines still point into the function's own file.
 */
export function wrapHandlerSource(source: string): string {
  return (
    "const __sandboxHandler = (function (exports, module) {" +
    source +
    "\n;return module.exports !== undefined ? module.exports : exports;\n})(undefined, { exports: undefined });\n" +
    RESPONSE_SHIM
  );
}

const RESPONSE_SHIM = `exports = async function (input) {
  if (typeof __sandboxHandler !== "function") {
    throw new TypeError("the handler must assign a function to exports (exports = function (request, response) { ... })");
  }
  const state = { touched: false, headers: [] };
  const text = (value, what) => {
    if (typeof value !== "string") throw new TypeError("response." + what + " takes strings");
    return value;
  };
  const response = Object.freeze({
    setStatusCode(code) { state.touched = true; state.status = code; },
    setBody(body) {
      if (typeof body !== "string" && !(body && body._bsontype === "Binary")) {
        throw new TypeError("response.setBody takes a string or a BSON.Binary");
      }
      state.touched = true;
      state.body = body;
    },
    setHeader(name, value) { state.touched = true; state.headers.push(["set", text(name, "setHeader"), text(value, "setHeader")]); },
    addHeader(name, value) { state.touched = true; state.headers.push(["add", text(name, "addHeader"), text(value, "addHeader")]); },
  });
  const result = await __sandboxHandler(input, response);
  if (result && typeof result.toArray === "function" && typeof result.next === "function") {
    throw new Error("a function cannot return a cursor; return cursor.toArray() instead");
  }
  return { result, response: state };
};
`;

export interface HandlerRun {
  /** The log name of the call: an app function's name, or the webhook's. */
  name: string;
  source: string;
  input: unknown;
  context: RequestContext;
  /** `context.request` of the run. */
  request: Record<string, unknown>;
}

/**
 * Runs a handler with the function runtime's time limit, log entry and, for an app
 * function (`name` deployed), the function's own authentication settings.
 */
export async function runHandler(app: SandboxApp, run: HandlerRun): Promise<HandlerOutcome> {
  const runner = app.functions as Partial<SourceRunner> | undefined;
  if (!runner || typeof runner.execute !== "function") {
    throw new AppServicesError("InternalServerError", "functions are not available in this sandbox");
  }
  const record = await runner.execute(run.name, [run.input], {
    context: run.context,
    origin: "client",
    request: run.request,
    source: wrapHandlerSource(run.source),
  });
  if (!record.ok) throw record.error!;
  const value = record.value as { result?: unknown; response?: Partial<ResponseState> } | undefined;
  const response = value?.response;
  return {
    result: value?.result,
    response: {
      touched: response?.touched === true,
      status: response?.status,
      body: response?.body,
      headers: Array.isArray(response?.headers) ? response.headers : [],
    },
  };
}

/** Runs a sandbox-made source (a webhook's run-as script) as the system, for its value. */
export async function runScript(app: SandboxApp, name: string, source: string, context: RequestContext, request: Record<string, unknown>): Promise<unknown> {
  const runner = app.functions as Partial<SourceRunner> | undefined;
  if (!runner || typeof runner.execute !== "function") {
    throw new AppServicesError("InternalServerError", "functions are not available in this sandbox");
  }
  const record = await runner.execute(name, [], { context, origin: "client", request, source, log: false });
  if (!record.ok) throw record.error!;
  return record.value;
}

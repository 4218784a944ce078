/**
 * App Services functions: sources run in isolated, time-limited runners; `context`
 * calls come back to the backend with the function's identity.
 * https://www.mongodb.com/docs/atlas/app-services/functions/
 */
export { installFunctions } from "./install.ts";
export {
  FunctionRuntime,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  MAX_CALL_NESTING,
  type CallOrigin,
  type CallRecord,
  type ConsoleLine,
  type FunctionRuntimeOptions,
  type RunOptions,
} from "./runtime.ts";
export { SYSTEM_USER_VIEW } from "./snapshot.ts";
export { TIME_LIMIT_MESSAGE, MEMORY_LIMIT_MESSAGE } from "./errors.ts";
export { defaultRunnerTransport } from "./runner/select.ts";
export { nodeWorkerTransport, type NodeWorkerOptions } from "./runner/node-transport.ts";
export { browserWorkerTransport, type BrowserWorkerOptions } from "./runner/browser-transport.ts";
export type { RunnerSettings } from "./runner/source.ts";
export type * from "./runner/protocol.ts";

import type { SandboxApp } from "../app/app.ts";
import { checkFunctionSource } from "./check-source.ts";
import { FunctionRuntime, type FunctionRuntimeOptions } from "./runtime.ts";

/** Creates the function runtime and plugs it into the app as its FunctionHost. */
export function installFunctions(app: SandboxApp, options: FunctionRuntimeOptions = {}): FunctionRuntime {
  const runtime = new FunctionRuntime(app, options);
  app.functions = runtime;
  app.addParseHooks({ checkFunctionSource });
  return runtime;
}

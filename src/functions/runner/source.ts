import { createContextApi } from "./context-api.ts";
import { createFunctionUtils } from "./crypto.ts";
import { installRunnerGlobals } from "./globals.ts";
import { lockdownGlobals } from "./lockdown.ts";
import { runnerMain } from "./runner-main.ts";

/**
 * The runner code every transport starts, as one script. It expects `BSON` and
 * `bridge` in scope (each transport's prelude provides them) and keeps everything in
 * a function scope: a top-level `const` would be visible to function code.
 */
export function runnerBody(): string {
  // Transpilers that keep function names (esbuild's keepNames, used by tsx) wrap
  // nested functions in a module-level `__name` helper; the stringified code needs its own.
  return `const __name = (target, value) => Object.defineProperty(target, "name", { value, configurable: true });
(${runnerMain.toString()})(BSON, bridge, {
  createUtils: ${createFunctionUtils.toString()},
  createContextApi: ${createContextApi.toString()},
  installGlobals: ${installRunnerGlobals.toString()},
  lockdown: ${lockdownGlobals.toString()},
});`;
}

/**
 * For a Node worker started with `eval: true`. The bson browser bundle is evaluated
 * with `Buffer` shadowed so it picks its web byte utilities: the Node ones need the
 * `Buffer` global, which the lockdown removes.
 */
export function nodeRunnerSource(bsonBundle: string): string {
  return `(function () {
const { parentPort } = require("node:worker_threads");
const proc = process;
const bridge = {
  post: (message) => parentPort.postMessage(message),
  listen: (handler) => parentPort.on("message", handler),
  onFault: (handler) => {
    proc.on("uncaughtException", (error) => handler(error, false));
    proc.on("unhandledRejection", (reason) => handler(reason, true));
  },
};
const BSON = (function (Buffer, process, require, module, exports) {
${bsonBundle}
;return BSON;
})();
${runnerBody()}
})();
`;
}

/** For a classic browser Worker created from a Blob URL; bson comes from `importScripts`. */
export function browserRunnerSource(bsonScriptUrl: string): string {
  return `(function () {
importScripts(${JSON.stringify(bsonScriptUrl)});
const scope = self;
const BSON = scope.BSON;
try { delete scope.BSON; } catch (error) {}
const post = scope.postMessage.bind(scope);
const bridge = {
  post: (message) => post(message),
  listen: (handler) => scope.addEventListener("message", (event) => handler(event.data)),
  onFault: (handler) => {
    scope.addEventListener("error", (event) => { event.preventDefault(); handler(event.error ?? event.message, false); });
    scope.addEventListener("unhandledrejection", (event) => { event.preventDefault(); handler(event.reason, true); });
  },
};
${runnerBody()}
})();
`;
}

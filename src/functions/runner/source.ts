import { createCompiler } from "./compile.ts";
import { createContextApi } from "./context-api.ts";
import { createFunctionUtils } from "./crypto.ts";
import { makeSharedGlobals, prepareBson } from "./globals.ts";
import { LOCKDOWN_OPTIONS, removeHostGlobals } from "./lockdown.ts";
import { installBufferMeter } from "./meter.ts";
import { DEFAULT_MEMORY_LIMIT_MB } from "./protocol.ts";
import { runnerMain } from "./runner-main.ts";
import { createCallTimers } from "./timers.ts";


export interface RunnerSettings {
  /** Buffer memory one call tree may hold. */
  memoryLimitMb?: number;
}

/**
 * The runner code every transport starts, as one script. It expects `bridge` and
 * `scripts` in scope (each transport's prelude provides them) and keeps everything in
 * a function scope: a top-level `const` would be visible to other scripts.
 */
export function runnerBody(settings: RunnerSettings = {}): string {
  const runnerSettings = {
    memoryLimitBytes: Math.max(1, settings.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB) * 1024 * 1024,
    lockdown: LOCKDOWN_OPTIONS,
  };
  // Transpilers that keep function names (esbuild's keepNames, used by tsx) wrap
  // nested functions in a module-level `__name` helper; the stringified code needs its
  // own. Unminified, the names are the ones JavaScript infers anyway: it can do nothing.
  return `const __name = (target) => target;
(${runnerMain.toString()})(bridge, scripts, ${JSON.stringify(runnerSettings)}, {
  installMeter: ${installBufferMeter.toString()},
  removeHostGlobals: ${removeHostGlobals.toString()},
  prepareBson: ${prepareBson.toString()},
  createUtils: ${createFunctionUtils.toString()},
  createContextApi: ${createContextApi.toString()},
  makeSharedGlobals: ${makeSharedGlobals.toString()},
  createCompiler: ${createCompiler.toString()},
  createCallTimers: ${createCallTimers.toString()},
});`;
}

/**
 * For a Node worker started with `eval: true`. The bson browser bundle is evaluated
 * with `Buffer` shadowed so it picks its web byte utilities: the Node ones need the
 * `Buffer` global, which the runner removes. `collect` forces a garbage collection (V8's
 * `gc`, taken from a context made while the flag is briefly on) and reads the worker's
 * buffer bytes, so the memory meter can tell buffers dropped from buffers held.
 */
export function nodeRunnerSource(sesScript: string, bsonBundle: string, settings: RunnerSettings = {}): string {
  return `(function () {
"use strict";
const { parentPort } = require("node:worker_threads");
// Taken before the runner strips the global scope.
const proc = process;
const immediate = setImmediate;
const bridge = {
  post: (message) => parentPort.postMessage(message),
  listen: (handler) => parentPort.on("message", handler),
  defer: (task) => immediate(task),
  onFault: (handler) => {
    proc.on("uncaughtException", (error) => handler(error, false));
    proc.on("unhandledRejection", (reason) => handler(reason, true));
  },
};
const collect = (() => {
  try {
    const v8 = require("node:v8");
    v8.setFlagsFromString("--expose-gc");
    const gc = require("node:vm").runInNewContext("gc");
    v8.setFlagsFromString("--no-expose-gc");
    return () => {
      // The second collection finishes freeing the buffers the first found dead.
      gc();
      gc();
      return proc.memoryUsage().arrayBuffers;
    };
  } catch (error) {
    return undefined;
  }
})();
const scripts = {
  collect,
  ses: () => {
${sesScript}
  },
  bson: () => (function (Buffer, process, require, module, exports) {
${bsonBundle}
;return BSON;
  })(),
};
${runnerBody(settings)}
})();
`;
}

/** For a classic browser Worker created from a Blob URL; ses and bson come from `importScripts`. */
export function browserRunnerSource(sesScriptUrl: string, bsonScriptUrl: string, settings: RunnerSettings = {}): string {
  return `(function () {
"use strict";
const scope = self;
// Taken before the runner strips the global scope.
const load = scope.importScripts.bind(scope);
const post = scope.postMessage.bind(scope);
const on = scope.addEventListener.bind(scope);
const wait = scope.setTimeout.bind(scope);
const bridge = {
  post: (message) => post(message),
  listen: (handler) => on("message", (event) => handler(event.data)),
  defer: (task) => wait(task, 0),
  onFault: (handler) => {
    on("error", (event) => { event.preventDefault(); handler(event.error ?? event.message, false); });
    on("unhandledrejection", (event) => { event.preventDefault(); handler(event.reason, true); });
  },
};
const scripts = {
  ses: () => load(${JSON.stringify(sesScriptUrl)}),
  bson: () => {
    load(${JSON.stringify(bsonScriptUrl)});
    const BSON = scope.BSON;
    try { delete scope.BSON; } catch (error) {}
    return BSON;
  },
};
${runnerBody(settings)}
})();
`;
}

import type { AuthEvent } from "../../src/app/app-events.ts";
import { formatJson } from "../../src/config/json.ts";
import type { AppFiles } from "../../src/config/types.ts";
import type { FunctionHost } from "../../src/app/function-host.ts";
import { quietTaskTracker } from "../protocol/fixtures.ts";
import type { RandomBytes } from "../../src/auth/ids.ts";
import { AppServicesError } from "../../src/core/app-services-error.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import type { RequestContext } from "../../src/services/request-context.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

export const APP_ID = "auth-test";

/** The Task Tracker app with the email/password provider configured as given, plus a confirmation function. */
export function userpassFiles(config: Record<string, unknown>, provider: Record<string, unknown> = {}): AppFiles {
  const files = quietTaskTracker(APP_ID);
  files["auth/providers.json"] = formatJson({
    "local-userpass": { name: "local-userpass", type: "local-userpass", disabled: false, config, ...provider },
  });
  files["functions/config.json"] = formatJson([
    { name: "createNewUserDocument", private: true, can_evaluate: {} },
    { name: "resetFunc", private: false, can_evaluate: {} },
    { name: "confirmFunc", private: true, can_evaluate: {} },
  ]);
  files["functions/confirmFunc.js"] = "exports = () => ({ status: 'pending' });\n";
  return files;
}

export interface FunctionCall {
  name: string;
  args: unknown[];
  context: RequestContext;
}

/** A function host answering from a table, recording every call. */
export function fakeFunctions(table: Record<string, (...args: any[]) => unknown>): FunctionHost & { calls: FunctionCall[] } {
  const calls: FunctionCall[] = [];
  return {
    calls,
    async call(name, args, context) {
      calls.push({ name, args, context });
      const fn = table[name];
      if (!fn) throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
      return fn(...args);
    },
  };
}

/** Deterministic randomness (xorshift32), so ids and tokens repeat across runs. */
export function seededRandom(seed = 1): RandomBytes {
  let state = seed >>> 0 || 1;
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    return bytes;
  };
}

export interface AuthFixture {
  sandbox: Sandbox;
  clock: ReturnType<typeof fakeClock>;
  events: AuthEvent[];
}

let counter = 0;

export async function openAuthFixture(files?: AppFiles, options: { random?: RandomBytes; databaseName?: string } = {}): Promise<AuthFixture> {
  const clock = fakeClock();
  const sandbox = await createSandbox({
    appId: APP_ID,
    template: "task-tracker",
    databaseName: options.databaseName ?? `auth-${++counter}`,
    now: clock.now,
    bcryptCost: 4,
    randomBytes: options.random,
    ...freshIndexedDB(),
  });
  await sandbox.importApp(files ?? quietTaskTracker(APP_ID));
  const events: AuthEvent[] = [];
  sandbox.app.events.on("auth", (event) => events.push(event));
  return { sandbox, clock, events };
}

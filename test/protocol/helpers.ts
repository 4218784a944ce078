import { stringifyEJSON } from "../../src/bson/ejson.ts";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../src/index.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";
import { quietTaskTracker } from "./fixtures.ts";

export const HOST = "http://emu.local";
export const API = `${HOST}/api/client/v2.0`;

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no EJSON encoding). */
  rawBody?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  contentType: string | null;
  text: string;
  json: any;
  headers: Headers;
}

export interface TestSandbox {
  sandbox: Sandbox;
  clock: ReturnType<typeof fakeClock>;
  appId: string;
  /** `path` is relative to /api/client/v2.0; `app:` prefixes it with /app/{appId}. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  app(path: string): string;
  /** Registers (auto-confirm) and logs in; returns the login body. */
  signUp(email: string, password?: string): Promise<{ access_token: string; refresh_token: string; user_id: string; device_id: string }>;
}

let counter = 0;

export async function openSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const clock = fakeClock();
  const sandbox = await createSandbox({
    appId: "sandbox-test",
    template: "task-tracker",
    databaseName: `protocol-${++counter}`,
    now: clock.now,
    bcryptCost: 4,
    ...freshIndexedDB(),
    ...options,
  });
  await sandbox.importApp(quietTaskTracker(sandbox.appId));
  const appPath = (path: string) => `/app/${sandbox.appId}${path}`;
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = stringifyEJSON(options.body);
      headers["content-type"] = "application/json";
    }
    const response = await sandbox.fetch(`${API}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, contentType: response.headers.get("content-type"), text, json, headers: response.headers };
  };
  const signUp = async (email: string, password = "secret123") => {
    const registered = await call("POST", appPath("/auth/providers/local-userpass/register"), { body: { email, password } });
    if (registered.status !== 201) throw new Error(`register failed: ${registered.text}`);
    const login = await call("POST", appPath("/auth/providers/local-userpass/login"), { body: { username: email, password } });
    if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
    return login.json;
  };
  return { sandbox, clock, appId: sandbox.appId, call, app: appPath, signUp };
}

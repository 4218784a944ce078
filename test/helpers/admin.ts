import type { Sandbox } from "../../src/index.ts";

export interface AdminAnswer {
  status: number;
  json: any;
}

/**
 * The console's API of one app, called as the page calls it. `sandbox` is asked at each
 * call, since tests open it in `beforeAll`.
 */
export function adminOf(sandbox: () => Sandbox, appId: string) {
  const base = `http://sandbox.local/api/admin/v3.0/groups/sandbox/apps/${appId}`;

  async function call(method: string, path: string, body?: unknown): Promise<AdminAnswer> {
    const response = await sandbox().admin(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: response.status === 204 ? undefined : await response.json() };
  }

  /** A confirmed email/password user with a session, made through the App Users API. */
  async function user(email: string): Promise<{ id: string; token: string }> {
    const created = await call("POST", "/users", { email, password: "secret123" });
    const session = await call("POST", `/users/${created.json.id}/sessions`);
    return { id: created.json.id, token: session.json.access_token };
  }

  return { call, user };
}

/**
 * The Functions screen's calls to the console API (src/admin/function-routes.ts): run a
 * function's text before it is deployed, and read its past calls. Only types come from there.
 */
import type { FunctionCall, FunctionRunAnswer, RunIdentity } from "../../admin/function-routes.ts";
import type { ConsoleApi } from "./console-api.ts";

export type { FunctionCall, FunctionRunAnswer, RunIdentity };

export interface RunRequest {
  /** Canonical or relaxed Extended JSON. */
  arguments: unknown[];
  /** A user of the app; absent: the system. */
  userId?: string;
  /** The editor's text (saved or not). */
  source: string;
  /** The settings as the form holds them. */
  settings: Record<string, unknown>;
}

const base = (appId: string, name: string) => `/${encodeURIComponent(appId)}/functions/${encodeURIComponent(name)}`;

export class FunctionsApi {
  constructor(private readonly api: ConsoleApi) {}

  run(appId: string, name: string, request: RunRequest): Promise<FunctionRunAnswer> {
    return this.api.request("POST", `${base(appId, name)}/run`, request);
  }

  /** The log entries of the function's past calls, newest first. */
  calls(appId: string, name: string, limit = 20): Promise<FunctionCall[]> {
    return this.api.request("GET", `${base(appId, name)}/calls?limit=${limit}`);
  }
}

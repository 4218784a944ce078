import { readCustomData } from "../auth/custom-data.ts";
import { requestUserOf } from "../auth/records.ts";
import { fromEJSON, toEJSON } from "../bson/ejson.ts";
import { isPlainObject } from "../bson/types.ts";
import { FUNCTIONS_CONFIG, functionSourcePath } from "../config/paths.ts";
import { isValidFunctionName } from "../config/parse-functions.ts";
import type { AppFiles, FunctionEntry } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { FunctionRuntime } from "../functions/runtime.ts";
import type { LogEntry } from "../log/app-log.ts";
import { SYSTEM_CONTEXT, userContext, type RequestContext } from "../services/request-context.ts";
import type { HostedApp } from "../sandbox/hosted-app.ts";
import type { AdminContext } from "./router.ts";

/** Who a console run ran as. */
export type RunIdentity = { kind: "system" } | { kind: "user"; id: string; email: string };

/** What one run of a function from the console gives back. */
export interface FunctionRunAnswer {
  ok: boolean;
  /** The return value in canonical Extended JSON (absent when the function returned nothing or failed). */
  result?: unknown;
  error?: { code: string; message: string; line?: number; column?: number; stack?: string };
  /** `console.log` and friends, in order. */
  logs: { level: string; text: string }[];
  durationMs: number;
  /** The caller the run was asked for, and whether the function's settings made it run as the system. */
  caller: RunIdentity;
  ranAsSystem: boolean;
  /** Which text ran: the one sent, the draft's file, or (no draft file) the deployed one. */
  sourceFrom: "request" | "draft" | "deployed";
  /** The function is private: clients cannot call it; the console, other functions and triggers can. */
  private: boolean;
}

/** A log entry of a past call, with the caller's email when the user still exists. */
export type FunctionCall = LogEntry & { userEmail?: string };

/** The most past calls one request returns. */
const MAX_CALLS = 100;

/** Runs a function's text (sent, the draft's or the deployed one) as the system or a user. */
export async function runFunction(ctx: AdminContext): Promise<FunctionRunAnswer> {
  const name = functionName(ctx);
  const body = await ctx.body();
  const hosted = await ctx.app();
  const args = argumentsOf(body.arguments);
  const { source, sourceFrom } = sourceOf(hosted, name, body.source);
  const settings = settingsOf(hosted.app.draft, name, body.settings);
  const { context, caller } = await callerOf(hosted, body.userId);
  const runtime = hosted.app.functions as FunctionRuntime | undefined;
  if (!runtime || typeof runtime.execute !== "function") throw new AppServicesError("InternalServerError", "functions are not available in this sandbox");
  const record = await runtime.execute(name, args, { context, origin: "console", source, settings });
  const answer: FunctionRunAnswer = {
    ok: record.ok,
    logs: record.logs,
    durationMs: Math.round(record.durationMs * 10) / 10,
    caller,
    ranAsSystem: record.runAsSystem,
    sourceFrom,
    private: settings.private === true,
  };
  if (record.ok && record.value !== undefined) answer.result = toEJSON(record.value);
  if (!record.ok && record.error) {
    const details = (record.error.details ?? {}) as Record<string, unknown>;
    answer.error = { code: record.error.code, message: record.error.message };
    if (typeof details.line === "number") answer.error.line = details.line;
    if (typeof details.column === "number") answer.error.column = details.column;
    if (typeof details.stack === "string") answer.error.stack = details.stack;
  }
  return answer;
}

/** The log entries of the function's past calls, newest first (`?limit=`, at most 100). */
export async function functionCalls(ctx: AdminContext): Promise<FunctionCall[]> {
  const name = functionName(ctx);
  const limitText = ctx.url.searchParams.get("limit");
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CALLS) throw new AppServicesError("InvalidParameter", `limit must be a whole number from 1 to ${MAX_CALLS}`);
  const { app } = await ctx.app();
  // The summary names the function; its details name it exactly (not "a" for "ab").
  const entries = await app.log.query({ types: ["function"], text: `function ${name}` });
  const calls: FunctionCall[] = entries.filter((e) => e.details?.function === name).slice(0, limit);
  // The screen names callers by email, as the Run as picker does.
  const ids = [...new Set(calls.map((c) => c.userId).filter((id): id is string => id !== undefined))];
  const users = await app.db.users.bulkGet(ids);
  const emails = new Map(users.flatMap((u) => (u ? [[u.id, u.email] as const] : [])));
  return calls.map((c) => (c.userId && emails.has(c.userId) ? { ...c, userEmail: emails.get(c.userId) } : c));
}

function functionName(ctx: AdminContext): string {
  const name = ctx.params.name;
  if (!isValidFunctionName(name)) throw new AppServicesError("InvalidParameter", `"${name}" is not a function name: use letters, digits, "_", "-" and "/" between parts`);
  return name;
}

function argumentsOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AppServicesError("InvalidParameter", "arguments must be an array (Extended JSON), e.g. [1, \"two\"]");
  try {
    return fromEJSON(value) as unknown[];
  } catch (error) {
    throw new AppServicesError("InvalidParameter", `arguments are not valid Extended JSON: ${(error as Error).message}`);
  }
}

/** The text to run: sent with the request (unsaved edits), else the draft's, else the deployed one's. */
function sourceOf(hosted: HostedApp, name: string, sent: unknown): { source: string; sourceFrom: FunctionRunAnswer["sourceFrom"] } {
  if (typeof sent === "string") return { source: sent, sourceFrom: "request" };
  if (sent !== undefined && sent !== null) throw new AppServicesError("InvalidParameter", "source must be the function's text");
  const draft = hosted.app.draft[functionSourcePath(name)];
  if (draft !== undefined) return { source: draft, sourceFrom: "draft" };
  const deployed = hosted.app.deployed.functions.find((f) => f.name === name);
  if (deployed) return { source: deployed.source, sourceFrom: "deployed" };
  throw new AppServicesError("FunctionNotFound", `function not found: '${name}'`);
}

/** The settings to run with: sent (unsaved), else the draft's config.json entry, else the defaults. */
function settingsOf(draft: AppFiles, name: string, sent: unknown): Omit<FunctionEntry, "name"> {
  if (sent !== undefined && sent !== null) {
    if (!isPlainObject(sent)) throw new AppServicesError("InvalidParameter", "settings must be an object like a functions/config.json entry");
    return sent as Omit<FunctionEntry, "name">;
  }
  try {
    const entries = JSON.parse(draft[FUNCTIONS_CONFIG] ?? "[]") as unknown;
    const entry = Array.isArray(entries) ? entries.find((e) => isPlainObject(e) && e.name === name) : undefined;
    return isPlainObject(entry) ? (entry as FunctionEntry) : {};
  } catch {
    return {};
  }
}

/**
 * The caller: the system, or a user as a fresh session of theirs would carry them
 * (`context.user` with their custom data), so the run sees what their client's call would.
 */
async function callerOf(hosted: HostedApp, userId: unknown): Promise<{ context: RequestContext; caller: RunIdentity }> {
  if (userId === undefined || userId === null) return { context: SYSTEM_CONTEXT, caller: { kind: "system" } };
  if (typeof userId !== "string") throw new AppServicesError("InvalidParameter", "userId must be a user's id");
  const record = await hosted.app.db.users.get(userId);
  if (!record || record.status !== "confirmed") throw new AppServicesError("UserNotFound", `user not found: '${userId}' (a user must have logged in once to run as it)`);
  if (record.disabled) throw new AppServicesError("UserDisabled", "this user is disabled: enable it to run as it");
  const customData = (await readCustomData(hosted.app, record.id).catch(() => undefined)) ?? {};
  const request = { remoteIPAddress: "127.0.0.1", requestHeaders: {}, httpMethod: "POST", httpReferrer: "", httpUserAgent: "Realm Sandbox console", rawQueryString: "", webhookUrl: "" };
  return { context: userContext(requestUserOf(record, customData), request), caller: { kind: "user", id: record.id, email: record.email } };
}

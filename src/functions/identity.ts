import type { SandboxApp } from "../app/app.ts";
import type { FunctionConfig } from "../config/types.ts";
import { readCustomData } from "../auth/custom-data.ts";
import { requestUserOf } from "../auth/records.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { evaluateExpression } from "../rules/expressions/index.ts";
import type { RequestContext, RequestUser } from "../services/request-context.ts";
import { expressionEnvironment } from "./snapshot.ts";

/** Who a run acts as: `execContext` for service calls, `contextUser` for `context.user`. */
export interface Identity {
  execContext: RequestContext;
  contextUser: object;
}

export type FindUser = (id: string) => Promise<RequestUser | undefined>;

/** A user of the app (one that has its user object) with its custom data, in the `%%user` shape. */
export function defaultFindUser(app: SandboxApp): FindUser {
  return async (id) => {
    const record = await app.db.users.get(id);
    if (!record || record.status !== "confirmed") return undefined;
    return requestUserOf(record, (await readCustomData(app, id)) ?? {});
  };
}

/** What the "run_as_user_id_script_source" function answered: a user id, or system. */
export type ScriptIdentity = { userId: string } | { system: true };

export function scriptIdentity(name: string, value: unknown): ScriptIdentity {
  if (typeof value === "string" && value !== "") return { userId: value };
  if (value !== null && typeof value === "object" && (value as { runAsSystem?: unknown }).runAsSystem === true) return { system: true };
  throw new AppServicesError(
    "FunctionExecutionError",
    `run_as_user_id_script_source of function "${name}" must return a user id or {runAsSystem: true}`,
  );
}

/**
 * The identity of a run from the function's authentication setting. Each run gets its
 * own context object, so a rule evaluated during one of its service calls can be traced
 * back to it (`%function` then runs in the same call tree). `context.user` stays the
 * calling user, also for system functions, as App Services documents.
 */
export async function resolveIdentity(
  fn: FunctionConfig,
  caller: Identity,
  request: Record<string, unknown> | undefined,
  findUser: FindUser,
  fromScript: (() => Promise<ScriptIdentity>) | undefined,
): Promise<Identity> {
  const asSystem = (): Identity => ({ execContext: { user: caller.execContext.user, system: true, request }, contextUser: caller.contextUser });
  if (fn.run_as_system) return asSystem();
  let userId = fn.run_as_user_id;
  if (!userId && fromScript) {
    const answer = await fromScript();
    if ("system" in answer) return asSystem();
    userId = answer.userId;
  }
  if (userId) {
    const user = await findUser(userId);
    if (!user) throw new AppServicesError("FunctionExecutionError", `cannot run function "${fn.name}" as user "${userId}": user not found`);
    return { execContext: { user, system: false, request }, contextUser: user };
  }
  if (caller.execContext.system) return asSystem();
  return { execContext: { ...caller.execContext, request }, contextUser: caller.contextUser };
}

/**
 * `can_evaluate`, checked when a user (not the system) calls. An absent or empty
 * expression admits every authenticated caller. The denial wording is the sandbox's own.
 */
export async function checkCanEvaluate(
  app: SandboxApp,
  fn: FunctionConfig,
  args: unknown[],
  caller: Identity,
  request: Record<string, unknown> | undefined,
  callFunction: (name: string, args: unknown[]) => Promise<unknown>,
): Promise<void> {
  const expr = fn.can_evaluate;
  if (caller.execContext.system || !expr || Object.keys(expr).length === 0) return;
  let allowed: boolean;
  try {
    allowed = await evaluateExpression(expr, {
      user: caller.contextUser as Record<string, unknown>,
      request,
      args,
      defaultScope: "args",
      callFunction,
      ...expressionEnvironment(app),
    });
  } catch (error) {
    throw new AppServicesError("FunctionExecutionError", `can_evaluate of function "${fn.name}" failed: ${(error as Error).message}`);
  }
  if (!allowed) {
    throw new AppServicesError("FunctionExecutionError", `cannot execute function "${fn.name}": its can_evaluate expression does not allow this call`);
  }
}

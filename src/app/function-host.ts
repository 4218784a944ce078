import type { RequestContext } from "../services/request-context.ts";

export interface CallOptions {
  /** A client call (functions/call, GraphQL): private functions are refused. */
  fromClient?: boolean;
  /** What `context.request` shows. */
  request?: Record<string, unknown>;
}

/** Runs app functions; installed by the functions layer, used by auth, rules, triggers, GraphQL and the protocol. */
export interface FunctionHost {
  call(name: string, args: unknown[], context: RequestContext, options?: CallOptions): Promise<unknown>;
}

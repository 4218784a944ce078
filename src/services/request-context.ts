import type { WithheldReads } from "./withheld-reads.ts";
import type { ExplainTrace } from "./explain-trace.ts";

/** The user a request runs as, in the shape rule expressions see as `%%user`. */
export interface RequestUser {
  id: string;
  type: "normal" | "server" | "system";
  data: Record<string, unknown>;
  custom_data: Record<string, unknown>;
  identities: { id: string; provider_type: string; data?: Record<string, unknown> }[];
}

/**
 * Who a request runs as. System requests (triggers, system functions, the console)
 * bypass rules and schema validation; user requests are checked on every document.
 */
export interface RequestContext {
  user: RequestUser | null;
  system: boolean;
  /** `%%request` for rule expressions and `context.request` for functions. */
  request?: Record<string, unknown>;
  /** Set by the client API's reads and GraphQL: counts what the rules withhold, for the request's log entry. */
  withheld?: WithheldReads;
  /** Set only by Explain: the service records what it does for this caller into it. */
  trace?: ExplainTrace;
}

export const SYSTEM_CONTEXT: RequestContext = Object.freeze({ user: null, system: true });

export function userContext(user: RequestUser, request?: Record<string, unknown>): RequestContext {
  return { user, system: false, request };
}

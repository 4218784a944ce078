import type { FilterConfig, RoleConfig, RulesConfig } from "../../../src/config/types.ts";
import type { Document } from "../../../src/bson/types.ts";
import { RuleEvaluator, type RuleRequest, type RulesTrace, type WriteDecision, type WriteKind } from "../../../src/rules/roles/index.ts";

export interface TestUser extends Record<string, unknown> {
  id: string;
  type: string;
  data: Record<string, unknown>;
  custom_data: Record<string, unknown>;
  identities: unknown[];
}

function makeUser(id: string, email: string | undefined, custom: Record<string, unknown> = {}): TestUser {
  return {
    id,
    type: "normal",
    data: email === undefined ? {} : { email },
    custom_data: custom,
    identities: [{ id: `${id}-identity`, provider_type: email === undefined ? "anon-user" : "local-userpass" }],
  };
}

export const ALICE = makeUser("5f1a2b3c4d5e6f7a8b9c0001", "alice@example.com", { readPartitions: ["PUBLIC", "team=red"] });
export const BOB = makeUser("5f1a2b3c4d5e6f7a8b9c0002", "bob@example.com");
/** An anonymous user: no email in `data`. */
export const ANON = makeUser("5f1a2b3c4d5e6f7a8b9c0003", undefined);

export function rules(roles: RoleConfig[], filters: FilterConfig[] = []): RulesConfig {
  return { roles, filters };
}

export function role(name: string, spec: Omit<RoleConfig, "name" | "apply_when"> & { apply_when?: Record<string, unknown> }): RoleConfig {
  return { name, apply_when: {}, ...spec } as RoleConfig;
}

/** `null` stands for a request without a user. */
export function evaluator(config: RulesConfig | RoleConfig[], user: TestUser | null = ALICE, request: Partial<RuleRequest> = {}): RuleEvaluator {
  const set = Array.isArray(config) ? rules(config) : config;
  return new RuleEvaluator(set, { user: user ?? undefined, values: {}, environment: { tag: "", values: {} }, ...request });
}

export async function read(config: RulesConfig | RoleConfig[], doc: Document, user?: TestUser, trace?: RulesTrace): Promise<Document | undefined> {
  return evaluator(config, user).read(doc, trace);
}

export async function write(
  config: RulesConfig | RoleConfig[],
  kind: WriteKind,
  before: Document | undefined,
  after: Document | undefined,
  user?: TestUser,
  trace?: RulesTrace,
): Promise<WriteDecision> {
  return evaluator(config, user).write(kind, before, after, trace);
}

/** `{allowed, message}` only, for compact expectations. */
export async function verdict(
  config: RulesConfig | RoleConfig[],
  kind: WriteKind,
  before: Document | undefined,
  after: Document | undefined,
  user?: TestUser,
): Promise<string> {
  const decision = await write(config, kind, before, after, user);
  return decision.allowed ? "allowed" : decision.message;
}

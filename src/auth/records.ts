import type { Document } from "../bson/types.ts";
import type { RequestUser } from "../services/request-context.ts";
import type { UserRecord } from "../storage/database.ts";
import { USERPASS } from "./provider-config.ts";

/** What the console lists for a user: everything except the password hash and tokens. */
export interface UserSummary {
  id: string;
  type: UserRecord["type"];
  email: string;
  status: UserRecord["status"];
  disabled: boolean;
  createdAt: number;
  confirmedAt?: number;
  lastLoginAt?: number;
  identities: { id: string; provider_type: string; data: { email: string } }[];
}

export function identitiesOf(user: UserRecord): UserSummary["identities"] {
  return [{ id: user.identityId, provider_type: USERPASS, data: { email: user.email } }];
}

export function summarize(user: UserRecord): UserSummary {
  const summary: UserSummary = {
    id: user.id,
    type: user.type,
    email: user.email,
    status: user.status,
    disabled: user.disabled,
    createdAt: user.createdAt,
    identities: identitiesOf(user),
  };
  if (user.confirmedAt !== undefined) summary.confirmedAt = user.confirmedAt;
  if (user.lastLoginAt !== undefined) summary.lastLoginAt = user.lastLoginAt;
  return summary;
}

/** The user as rules (`%%user`) and functions (`context.user`) see it. */
export function requestUserOf(user: UserRecord, customData: Document = {}): RequestUser {
  return {
    id: user.id,
    type: user.type,
    data: { email: user.email },
    custom_data: customData,
    identities: identitiesOf(user),
  };
}

/** The body of GET /auth/profile. */
export function profileOf(user: UserRecord, domainId: string, providerId: string): Record<string, unknown> {
  return {
    user_id: user.id,
    domain_id: domainId,
    identities: [{ id: user.identityId, provider_type: USERPASS, provider_id: providerId, provider_data: { email: user.email } }],
    data: { email: user.email },
    type: user.type,
  };
}

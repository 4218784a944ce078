/**
 * Access tokens verified in the last few seconds, with their user record, so a burst of
 * calls from one client checks the signature and reads the user once. Whatever ends a
 * user's access (disable, delete) or sessions (logout, revocation) forgets that user's
 * entries before it returns, so the very next call verifies again.
 */
import type { UserRecord } from "../storage/database.ts";
import type { AccessClaims } from "./tokens.ts";

/** Long enough to cover a screen's burst of calls, short enough that nothing stale lingers. */
export const VERIFIED_SESSION_TTL_MS = 5_000;
/** Bounded: a sandbox has a handful of live tokens; a flood of distinct ones evicts the oldest. */
export const VERIFIED_SESSION_LIMIT = 256;

export interface VerifiedSession {
  record: UserRecord;
  claims: AccessClaims;
}

interface Entry extends VerifiedSession {
  verifiedAt: number;
}

export class VerifiedSessions {
  private readonly entries = new Map<string, Entry>();
  /** Moves on at every forget, so a verification that read the user before it is not kept. */
  private epoch = 0;

  constructor(
    private readonly ttlMs = VERIFIED_SESSION_TTL_MS,
    private readonly limit = VERIFIED_SESSION_LIMIT,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The session verified for `token`, unless that was over the TTL ago or the token has since expired. */
  get(token: string, nowMs: number): VerifiedSession | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    // Clock moved back (tests set it) or on: either way verify again.
    const fresh = nowMs >= entry.verifiedAt && nowMs - entry.verifiedAt < this.ttlMs;
    if (fresh && Math.floor(nowMs / 1000) < entry.claims.exp) return entry;
    this.entries.delete(token);
    return undefined;
  }

  /** Call before reading the user; pass the answer to `set`. */
  begin(): number {
    return this.epoch;
  }

  /** Keeps a verification, unless something was forgotten since it began (it may have read a user record since changed). */
  set(token: string, session: VerifiedSession, nowMs: number, begun: number): void {
    if (begun !== this.epoch) return;
    this.entries.delete(token);
    this.entries.set(token, { ...session, verifiedAt: nowMs });
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every token of one user: its access or sessions just changed. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const [token, entry] of this.entries) if (entry.record.id === userId) this.entries.delete(token);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}

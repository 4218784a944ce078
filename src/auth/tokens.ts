import { AppServicesError } from "../core/app-services-error.ts";
import type { SessionRecord, UserRecord } from "../storage/database.ts";
import { randomToken, type RandomBytes } from "./ids.ts";
import { signJwt, verifyJwt } from "./jwt.ts";
import type { AuthKeys } from "./keys.ts";
import { USERPASS } from "./provider-config.ts";

/** "Access tokens expire 30 minutes after they are granted." */
export const ACCESS_TOKEN_SECONDS = 30 * 60;
/** The default refresh-token (session) lifetime: 60 days. */
export const REFRESH_TOKEN_SECONDS = 60 * 24 * 60 * 60;

export type TokenType = "access" | "refresh";

export interface TokenClaims extends Record<string, unknown> {
  sub: string;
  typ: TokenType;
  iat: number;
  exp: number;
  baas_device_id: string;
  baas_domain_id: string;
}

export interface AccessClaims extends TokenClaims {
  typ: "access";
  user_data?: Record<string, unknown>;
}

export interface RefreshClaims extends TokenClaims {
  typ: "refresh";
  /** The session id. */
  baas_id: string;
}

/** Mints and checks the tokens of one app; times come from the app clock in seconds. */
export class TokenIssuer {
  constructor(
    private readonly keys: AuthKeys,
    private readonly random: RandomBytes,
  ) {}

  async access(user: UserRecord, deviceId: string, nowMs: number, userData?: Record<string, unknown>): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    const claims: AccessClaims = {
      baas_device_id: deviceId,
      baas_domain_id: this.keys.domainId,
      exp: iat + ACCESS_TOKEN_SECONDS,
      iat,
      iss: this.keys.domainId,
      jti: randomToken(this.random, 12),
      stitch_devId: deviceId,
      stitch_domainId: this.keys.domainId,
      sub: user.id,
      typ: "access",
    };
    if (userData) claims.user_data = userData;
    return signJwt(claims, this.keys.signing);
  }

  async refresh(user: UserRecord, session: SessionRecord): Promise<string> {
    const claims: RefreshClaims = {
      baas_data: null,
      baas_device_id: session.deviceId,
      baas_domain_id: this.keys.domainId,
      baas_id: session.id,
      baas_identity: { id: user.identityId, provider_type: USERPASS, provider_id: await this.keys.providerId(USERPASS) },
      exp: Math.floor(session.expiresAt / 1000),
      iat: Math.floor(session.createdAt / 1000),
      stitch_devId: session.deviceId,
      stitch_domainId: this.keys.domainId,
      stitch_id: session.id,
      sub: user.id,
      typ: "refresh",
    };
    return signJwt(claims, this.keys.signing);
  }

  /**
   * The claims of a valid, unexpired token of the expected type. Every failure is a
   * 401 InvalidSession, which realm-web answers by refreshing (access) or by logging
   * the user out (refresh); a token that is not ours reads "unauthorized".
   */
  async verify(token: string, expected: "access", nowMs: number): Promise<AccessClaims>;
  async verify(token: string, expected: "refresh", nowMs: number): Promise<RefreshClaims>;
  async verify(token: string, expected: TokenType, nowMs: number): Promise<TokenClaims> {
    const claims = await verifyJwt(token, this.keys.signing);
    if (!claims || typeof claims.sub !== "string" || typeof claims.exp !== "number") {
      throw new AppServicesError("InvalidSession", "unauthorized");
    }
    if (claims.typ !== expected) {
      throw new AppServicesError("InvalidSession", `invalid session: expected ${expected} token, got ${String(claims.typ)} token`);
    }
    if (Math.floor(nowMs / 1000) >= claims.exp) {
      throw new AppServicesError("InvalidSession", `invalid session: ${expected} token expired`);
    }
    if (expected === "refresh" && typeof claims.baas_id !== "string") throw new AppServicesError("InvalidSession", "unauthorized");
    return claims as TokenClaims;
  }
}

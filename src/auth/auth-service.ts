import type { SandboxApp } from "../app/app.ts";
import type { AuthEvent } from "../app/app-events.ts";
import type { Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { RequestUser } from "../services/request-context.ts";
import type { SessionRecord, UserRecord } from "../storage/database.ts";
import { customDataClaim, customDataFromClaim, readCustomData } from "./custom-data.ts";
import { cryptoRandomBytes, objectIdHex, type RandomBytes } from "./ids.ts";
import { loadAuthKeys, type AuthKeys } from "./keys.ts";
import { DEFAULT_BCRYPT_COST } from "./passwords.ts";
import { USERPASS } from "./provider-config.ts";
import { profileOf, requestUserOf } from "./records.ts";
import { VerifiedSessions } from "./session-cache.ts";
import { REFRESH_TOKEN_SECONDS, TokenIssuer, type AccessClaims } from "./tokens.ts";
import { UserpassProvider } from "./userpass.ts";
import { UserAdmin } from "./user-admin.ts";

export interface AuthOptions {
  /** bcrypt cost factor; default 10. Tests use a low one (e.g. 4). */
  bcryptCost?: number;
  /** Randomness for ids and tokens; default WebCrypto. */
  randomBytes?: RandomBytes;
}

/** The login response body realm-web requires. */
export interface LoginResult {
  access_token: string;
  refresh_token: string;
  user_id: string;
  device_id: string;
}

/** The caller of a request made with a valid access token. */
export interface AuthenticatedUser {
  record: UserRecord;
  user: RequestUser;
  claims: AccessClaims;
}

const NO_DEVICE = "000000000000000000000000";

/**
 * Users, sessions and tokens of one app. Client flows go through `userpass` and the
 * session methods; the console uses `admin`.
 */
export class AuthService {
  readonly userpass: UserpassProvider;
  readonly admin: UserAdmin;
  /** Access tokens verified in the last seconds; see forgetSessions for what empties it. */
  readonly verified = new VerifiedSessions();
  private readonly random: RandomBytes;
  private keysPromise: Promise<AuthKeys> | undefined;

  constructor(
    readonly app: SandboxApp,
    options: AuthOptions = {},
  ) {
    this.random = options.randomBytes ?? cryptoRandomBytes;
    const log = (summary: string, error?: unknown, userId?: string) => this.log(summary, error, userId);
    this.userpass = new UserpassProvider({ app, random: this.random, bcryptCost: options.bcryptCost ?? DEFAULT_BCRYPT_COST, log });
    this.admin = new UserAdmin(this, this.userpass, this.random);
  }

  keys(): Promise<AuthKeys> {
    this.keysPromise ??= loadAuthKeys(this.app.db, this.app.clock(), this.random).catch((error) => {
      this.keysPromise = undefined;
      throw error;
    });
    return this.keysPromise;
  }

  /** Email/password login: checks the credentials and opens a session. */
  async logIn(email: unknown, password: unknown, deviceId?: unknown, providerName?: string): Promise<LoginResult> {
    try {
      const record = await this.userpass.checkCredentials(email, password, providerName);
      return await this.openSession(record, deviceId);
    } catch (error) {
      this.log(`login ${typeof email === "string" ? email : "(no username)"} failed`, error);
      throw error;
    }
  }

  /**
   * Opens a session for an account that passed its provider's check. The first login
   * of an email/password account creates its user object, which is when CREATE fires;
   * custom data is read before the triggers run, so the first token may lack it.
   */
  async openSession(record: UserRecord, requestedDevice?: unknown): Promise<LoginResult> {
    const now = this.app.clock();
    const issuer = new TokenIssuer(await this.keys(), this.random);
    const deviceId = deviceIdOf(requestedDevice) ?? objectIdHex(now, this.random);
    const session: SessionRecord = {
      id: objectIdHex(now, this.random),
      userId: record.id,
      deviceId,
      createdAt: now,
      expiresAt: now + REFRESH_TOKEN_SECONDS * 1000,
    };
    const customData = await this.customData(record.id);
    const { updated, firstLogin } = await this.markLoggedIn(record.id, now, async () => {
      const sessions = this.app.db.sessions;
      // Sessions past their 60 days are dead weight; drop them as the user comes back.
      await sessions.where("userId").equals(record.id).filter((s) => s.expiresAt <= now).delete();
      await sessions.add(session);
    });
    const result: LoginResult = {
      access_token: await issuer.access(updated, deviceId, now, customData && customDataClaim(customData)),
      refresh_token: await issuer.refresh(updated, session),
      user_id: record.id,
      device_id: deviceId,
    };
    this.log(`login ${record.email}`, undefined, record.id);
    if (firstLogin) this.emit("CREATE", updated, customData);
    this.emit("LOGIN", updated, customData);
    return result;
  }

  /** The caller of an access token: valid, unexpired, and its user still enabled. */
  async authenticate(accessToken: string): Promise<AuthenticatedUser> {
    const now = this.app.clock();
    const cached = this.verified.get(accessToken, now);
    if (cached) return this.caller(cached.record, cached.claims);
    const begun = this.verified.begin();
    const issuer = new TokenIssuer(await this.keys(), this.random);
    const claims = await issuer.verify(accessToken, "access", now);
    const record = await this.app.db.users.get(claims.sub);
    if (!record || record.status !== "confirmed") throw new AppServicesError("InvalidSession", "invalid session: user not found");
    if (record.disabled) throw new AppServicesError("InvalidSession", "invalid session: user disabled");
    this.verified.set(accessToken, { record, claims }, now, begun);
    return this.caller(record, claims);
  }

  /**
   * Called by whatever changes a user's access or sessions (logout, revocation, disable,
   * enable, delete) once the change is stored: that user's next call
   * verifies its token and reads its record again.
   */
  forgetSessions(userId: string): void {
    this.verified.forgetUser(userId);
  }

  /** A fresh RequestUser per call: rules and functions get an object of their own. */
  private caller(record: UserRecord, claims: AccessClaims): AuthenticatedUser {
    return { record, user: requestUserOf(record, customDataFromClaim(claims.user_data)), claims };
  }

  /** A caller by email and password for one request (GraphQL credential headers): no session, fresh custom data. */
  async authenticatePassword(email: string, password: string): Promise<Pick<AuthenticatedUser, "record" | "user">> {
    const found = await this.userpass.checkCredentials(email, password);
    const { updated: record, firstLogin } = await this.markLoggedIn(found.id, this.app.clock());
    const customData = await this.customData(record.id);
    if (firstLogin) this.emit("CREATE", record, customData);
    this.emit("LOGIN", record, customData);
    return { record, user: requestUserOf(record, customData ?? {}) };
  }

  /** POST /auth/session: a new access token, with fresh custom data, for a live session. */
  async refresh(refreshToken: string): Promise<string> {
    const { record, session, issuer } = await this.session(refreshToken);
    if (record.disabled) throw new AppServicesError("InvalidSession", "invalid session: user disabled");
    const customData = await this.customData(record.id);
    return issuer.access(record, session.deviceId, this.app.clock(), customData && customDataClaim(customData));
  }

  /** DELETE /auth/session: revokes the session; access tokens run out on their own. */
  async logOut(refreshToken: string): Promise<void> {
    const { record, session } = await this.session(refreshToken, { allowExpired: true });
    await this.app.db.sessions.delete(session.id);
    this.forgetSessions(record.id);
    this.log(`logout ${record.email}`, undefined, record.id);
  }

  async profile(record: UserRecord): Promise<Record<string, unknown>> {
    const keys = await this.keys();
    return profileOf(record, keys.domainId, await keys.providerId(USERPASS));
  }

  /** Removes a user and ends its sessions; its app data (custom user data) stays. */
  async deleteUser(userId: string): Promise<void> {
    const db = this.app.db;
    const record = await db.transaction("rw", db.users, db.sessions, async () => {
      const found = await db.users.get(userId);
      if (!found) throw new AppServicesError("UserNotFound", "user not found");
      await db.sessions.where("userId").equals(userId).delete();
      await db.users.delete(userId);
      return found;
    });
    this.forgetSessions(userId);
    this.log(`deleted ${record.email}`, undefined, record.id);
    if (record.status === "confirmed") this.emit("DELETE", record, undefined);
  }

  async revokeSessions(userId: string): Promise<number> {
    const count = await this.app.db.sessions.where("userId").equals(userId).delete();
    this.forgetSessions(userId);
    return count;
  }

  /**
   * Records a successful login. Whether it is the first (the one that creates the user
   * object) is decided inside the transaction, so concurrent first logins fire CREATE once.
   */
  private async markLoggedIn(userId: string, now: number, alsoInTransaction?: () => Promise<unknown>) {
    const db = this.app.db;
    return db.transaction("rw", db.users, db.sessions, async () => {
      const current = await db.users.get(userId);
      if (!current) throw new AppServicesError("InvalidPassword", "invalid username/password");
      await db.users.update(userId, { status: "confirmed", lastLoginAt: now });
      await alsoInTransaction?.();
      const updated: UserRecord = { ...current, status: "confirmed", lastLoginAt: now };
      return { updated, firstLogin: current.status !== "confirmed" };
    });
  }

  /** Writes an auth log entry; `error` marks it failed and records its code. */
  log(summary: string, error?: unknown, userId?: string): void {
    const entry = { type: "auth" as const, status: error ? ("error" as const) : ("ok" as const), summary, userId };
    if (!error) return this.app.log.write(entry);
    const known = error instanceof AppServicesError;
    this.app.log.write({
      ...entry,
      summary: `${summary}: ${(error as Error)?.message ?? String(error)}`,
      details: { error: (error as Error)?.message ?? String(error), error_code: known ? error.code : "InternalServerError" },
    });
  }

  emit(operationType: AuthEvent["operationType"], record: UserRecord, customData: Document | undefined): void {
    const user = { ...requestUserOf(record, customData), creation_date: new Date(record.createdAt) };
    this.app.events.emit("auth", { operationType, providers: [USERPASS], user, time: new Date(this.app.clock()) });
  }

  private async session(refreshToken: string, options: { allowExpired?: boolean } = {}) {
    const issuer = new TokenIssuer(await this.keys(), this.random);
    const now = this.app.clock();
    // Logging out with an expired refresh token still ends its session.
    const claims = await issuer.verify(refreshToken, "refresh", options.allowExpired ? 0 : now);
    const session = await this.app.db.sessions.get(claims.baas_id);
    if (!session || session.userId !== claims.sub) throw new AppServicesError("InvalidSession", "failed to find refresh token");
    if (!options.allowExpired && session.expiresAt <= now) throw new AppServicesError("InvalidSession", "invalid session: refresh token expired");
    const record = await this.app.db.users.get(session.userId);
    if (!record) throw new AppServicesError("InvalidSession", "failed to find refresh token");
    return { record, session, issuer };
  }

  private async customData(userId: string): Promise<Document | undefined> {
    try {
      return await readCustomData(this.app, userId);
    } catch (error) {
      // Misconfigured custom data must not block logins; the log says why it is missing.
      this.log("custom user data could not be read", error, userId);
      return undefined;
    }
  }
}

/** The device id a client sent back (`options.device.deviceId`), unless absent or all zeros. */
function deviceIdOf(value: unknown): string | undefined {
  const hex = typeof value === "string" ? value : (value as { toHexString?: () => string })?.toHexString?.();
  return typeof hex === "string" && /^[0-9a-f]{24}$/.test(hex) && hex !== NO_DEVICE ? hex : undefined;
}

/** Attaches email/password auth, sessions and tokens to an app. */
export function installAuth(app: SandboxApp, options: AuthOptions = {}): AuthService {
  return new AuthService(app, options);
}

import type { SandboxApp } from "../app/app.ts";
import { isPlainObject } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { SYSTEM_CONTEXT } from "../services/request-context.ts";
import type { UserRecord, UserpassToken } from "../storage/database.ts";
import { objectIdHex, randomToken, type RandomBytes } from "./ids.ts";
import { checkPassword, dummyHash, hashPassword, verifyPassword } from "./passwords.ts";
import { userpassConfig, type UserpassConfig } from "./provider-config.ts";

/** Confirmation and reset links are valid for 30 minutes. */
export const USERPASS_TOKEN_MS = 30 * 60 * 1000;
const MAX_EMAIL_LENGTH = 256;

export interface UserpassDependencies {
  app: SandboxApp;
  random: RandomBytes;
  bcryptCost: number;
  /** Writes an auth log entry; never receives a password. */
  log(summary: string, error?: unknown, userId?: string): void;
}

type FunctionOutcome = "success" | "pending" | "fail";

/**
 * The email/password provider's account flows: registration, confirmation (automatic,
 * by function or by link) and password reset (by function or by link). No email is
 * ever sent: pending links stay on the account for the console to show.
 */
export class UserpassProvider {
  constructor(private readonly deps: UserpassDependencies) {}

  private get app(): SandboxApp {
    return this.deps.app;
  }

  get bcryptCost(): number {
    return this.deps.bcryptCost;
  }

  config(name?: string): UserpassConfig {
    return userpassConfig(this.app.deployed, name);
  }

  async register(email: unknown, password: unknown, providerName?: string): Promise<void> {
    const config = this.config(providerName);
    const username = checkEmail(email);
    const hash = await hashPassword(checkPassword(password), this.deps.bcryptCost);
    const now = this.app.clock();
    const record: UserRecord = {
      id: objectIdHex(now, this.deps.random),
      type: "normal",
      email: username,
      passwordHash: hash,
      identityId: objectIdHex(now, this.deps.random),
      status: config.autoConfirm ? "pending-login" : "pending-confirmation",
      disabled: false,
      createdAt: now,
    };
    if (config.autoConfirm) record.confirmedAt = now;
    else record.confirmation = this.newToken(now);
    const db = this.app.db;
    await db.transaction("rw", db.users, async () => {
      if ((await db.users.where("email").equals(username).count()) > 0) {
        throw new AppServicesError("AccountNameInUse", "name already in use");
      }
      await db.users.add(record);
    });
    this.deps.log(`registered ${username}`, undefined, record.id);
    if (!config.autoConfirm && config.runConfirmationFunction) await this.runConfirmation(config, record);
  }

  /** The account for a login attempt; wrong or unknown credentials read the same. */
  async checkCredentials(email: unknown, password: unknown, providerName?: string): Promise<UserRecord> {
    this.config(providerName);
    if (typeof email !== "string" || email === "" || typeof password !== "string") {
      throw new AppServicesError("InvalidPassword", "invalid username/password");
    }
    const user = await this.app.db.users.where("email").equals(email).first();
    // The same bcrypt work whether or not the account exists, so timing does not reveal registrations.
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(this.deps.bcryptCost)));
    if (!user || !matches) {
      throw new AppServicesError("InvalidPassword", "invalid username/password");
    }
    if (user.status === "pending-confirmation") throw new AppServicesError("AuthError", "confirmation required");
    if (user.disabled) throw new AppServicesError("UserDisabled", "user disabled");
    return user;
  }

  async confirm(token: unknown, tokenId: unknown, providerName?: string): Promise<void> {
    this.config(providerName);
    const user = await this.takeToken("confirmation", token, tokenId);
    await this.app.db.users.update(user.id, { status: "pending-login", confirmedAt: this.app.clock() });
    this.deps.log(`confirmed ${user.email}`, undefined, user.id);
  }

  /** `confirm/send`: issues a new confirmation link (shown in the console). */
  async resendConfirmation(email: unknown, providerName?: string): Promise<void> {
    this.config(providerName);
    const user = await this.pendingConfirmation(email);
    await this.app.db.users.update(user.id, { confirmation: this.newToken(this.app.clock()) });
    this.deps.log(`new confirmation link for ${user.email}`, undefined, user.id);
  }

  /** `confirm/call`: runs the confirmation function again. */
  async retryConfirmation(email: unknown, providerName?: string): Promise<void> {
    const config = this.config(providerName);
    if (config.autoConfirm) {
      throw new AppServicesError("BadRequest", `cannot run confirmation for ${String(email)}: automatic confirmation is enabled`);
    }
    const user = await this.pendingConfirmation(email);
    if (!config.runConfirmationFunction) {
      throw new AppServicesError("BadRequest", `cannot run confirmation for ${user.email}: no confirmation function is configured`);
    }
    const confirmation = this.newToken(this.app.clock());
    await this.app.db.users.update(user.id, { confirmation });
    await this.runConfirmation(config, { ...user, confirmation });
  }

  /** `reset/send`: issues a reset link (shown in the console). */
  async sendReset(email: unknown, providerName?: string): Promise<void> {
    const config = this.config(providerName);
    if (config.runResetFunction) throw new AppServicesError("BadRequest", "please use reset password via function");
    const user = await this.existing(email);
    await this.app.db.users.update(user.id, { reset: this.newToken(this.app.clock()) });
    this.deps.log(`password reset link for ${user.email}`, undefined, user.id);
  }

  /** `reset/call`: asks the reset function whether the new password may be set. */
  async callReset(email: unknown, password: unknown, args: unknown[], providerName?: string): Promise<void> {
    const config = this.config(providerName);
    if (!config.runResetFunction || !config.resetFunctionName) {
      throw new AppServicesError("BadRequest", "password reset via function is not enabled");
    }
    const user = await this.existing(email);
    const newPassword = checkPassword(password);
    const reset = this.newToken(this.app.clock());
    await this.app.db.users.update(user.id, { reset });
    const outcome = await this.callFunction(config.resetFunctionName, [
      { token: reset.token, tokenId: reset.tokenId, username: user.email, password: newPassword },
      ...args,
    ]);
    if (outcome === "success") {
      await this.setPassword(user.id, newPassword);
      this.deps.log(`password reset by ${config.resetFunctionName} for ${user.email}`, undefined, user.id);
      return;
    }
    if (outcome === "pending") {
      this.deps.log(`password reset pending for ${user.email}`, undefined, user.id);
      return;
    }
    await this.app.db.users.update(user.id, { reset: undefined });
    throw new AppServicesError("BadRequest", `failed to reset password for user "${user.email}"`);
  }

  /** `reset`: completes a reset with the token from a link or a pending reset function. */
  async resetPassword(token: unknown, tokenId: unknown, password: unknown, providerName?: string): Promise<void> {
    this.config(providerName);
    const newPassword = checkPassword(password);
    const user = await this.takeToken("reset", token, tokenId);
    await this.setPassword(user.id, newPassword);
    this.deps.log(`password reset for ${user.email}`, undefined, user.id);
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(checkPassword(password), this.deps.bcryptCost);
    await this.app.db.users.update(userId, { passwordHash, reset: undefined });
  }

  private newToken(now: number): UserpassToken {
    return {
      token: randomToken(this.deps.random),
      tokenId: objectIdHex(now, this.deps.random),
      createdAt: now,
      expiresAt: now + USERPASS_TOKEN_MS,
    };
  }

  private async runConfirmation(config: UserpassConfig, user: UserRecord): Promise<void> {
    const confirmation = user.confirmation!;
    let outcome: FunctionOutcome;
    try {
      outcome = await this.callFunction(config.confirmationFunctionName, [
        { token: confirmation.token, tokenId: confirmation.tokenId, username: user.email },
      ]);
    } catch (error) {
      // Without a function to run, the registration cannot complete; leave the name free.
      await this.app.db.users.delete(user.id);
      throw error;
    }
    if (outcome === "success") {
      await this.app.db.users.update(user.id, { status: "pending-login", confirmedAt: this.app.clock(), confirmation: undefined });
      this.deps.log(`confirmed ${user.email} by ${config.confirmationFunctionName}`, undefined, user.id);
    } else if (outcome === "fail") {
      // A failed confirmation removes the registration, so the name can be used again.
      await this.app.db.users.delete(user.id);
      throw new AppServicesError("BadRequest", `failed to confirm user "${user.email}"`);
    }
  }

  /** Calls a provider function as the system; a throw or an unknown answer counts as "fail". */
  private async callFunction(name: string | undefined, args: unknown[]): Promise<FunctionOutcome> {
    const host = this.app.functions;
    if (!name || !host) throw new AppServicesError("FunctionNotFound", `function not found: '${name ?? ""}'`);
    let result: unknown;
    try {
      result = await host.call(name, args, SYSTEM_CONTEXT);
    } catch (error) {
      if (error instanceof AppServicesError && error.code === "FunctionNotFound") throw error;
      this.deps.log(`${name} failed`, error);
      return "fail";
    }
    const status = isPlainObject(result) ? result.status : undefined;
    return status === "success" || status === "pending" ? status : "fail";
  }

  private async existing(email: unknown): Promise<UserRecord> {
    const user = typeof email === "string" ? await this.app.db.users.where("email").equals(email).first() : undefined;
    if (!user) throw new AppServicesError("UserNotFound", "user not found");
    return user;
  }

  private async pendingConfirmation(email: unknown): Promise<UserRecord> {
    const user = await this.existing(email);
    if (user.status !== "pending-confirmation") throw new AppServicesError("UserAlreadyConfirmed", "already confirmed");
    return user;
  }

  /** Finds and consumes an unexpired token; any mismatch reads "invalid token data". */
  private async takeToken(kind: "confirmation" | "reset", token: unknown, tokenId: unknown): Promise<UserRecord> {
    const invalid = () => new AppServicesError("UserpassTokenInvalid", "invalid token data");
    if (typeof token !== "string" || typeof tokenId !== "string" || token === "" || tokenId === "") throw invalid();
    const now = this.app.clock();
    const db = this.app.db;
    return db.transaction("rw", db.users, async () => {
      const user = await db.users.filter((u) => u[kind]?.tokenId === tokenId).first();
      const grant = user?.[kind];
      if (!user || !grant || grant.token !== token || grant.expiresAt <= now) throw invalid();
      await db.users.update(user.id, { [kind]: undefined });
      return user;
    });
  }
}

function checkEmail(email: unknown): string {
  if (typeof email !== "string" || email.length > MAX_EMAIL_LENGTH || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw new AppServicesError("BadRequest", "invalid username");
  }
  return email;
}

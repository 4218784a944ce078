import { AppServicesError } from "../core/app-services-error.ts";
import type { SessionRecord, UserRecord, UserpassToken } from "../storage/database.ts";
import { objectIdHex, type RandomBytes } from "./ids.ts";
import { checkPassword, hashPassword } from "./passwords.ts";
import { tokenLink } from "./provider-config.ts";
import { summarize, type UserSummary } from "./records.ts";
import type { AuthService } from "./auth-service.ts";
import type { UserpassProvider } from "./userpass.ts";

/** A pending confirmation or reset as the console's users page shows it. */
export interface PendingLink extends UserpassToken {
  userId: string;
  email: string;
  /** The link App Services would have e-mailed, when the provider has a URL for it. */
  link?: string;
  expired: boolean;
}

/** What the console does with users: list, create, confirm, disable, enable, delete, revoke. */
export class UserAdmin {
  constructor(
    private readonly auth: AuthService,
    private readonly userpass: UserpassProvider,
    private readonly random: RandomBytes,
  ) {}

  private get db() {
    return this.auth.app.db;
  }

  /** Every account, pending ones included, oldest first. */
  async listUsers(): Promise<UserSummary[]> {
    const users = await this.db.users.toArray();
    return users.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map(summarize);
  }

  async getUser(id: string): Promise<UserSummary | undefined> {
    const user = await this.db.users.get(id);
    return user && summarize(user);
  }

  /** "Add New User": the user object exists at once, so CREATE fires now rather than at first login. */
  async createUser(email: string, password: string): Promise<UserSummary> {
    if (typeof email !== "string" || email === "") throw new AppServicesError("BadRequest", "invalid username");
    const passwordHash = await hashPassword(checkPassword(password), this.userpass.bcryptCost);
    const now = this.auth.app.clock();
    const record: UserRecord = {
      id: objectIdHex(now, this.random),
      type: "normal",
      email,
      passwordHash,
      identityId: objectIdHex(now, this.random),
      status: "confirmed",
      disabled: false,
      createdAt: now,
      confirmedAt: now,
    };
    await this.db.transaction("rw", this.db.users, async () => {
      if ((await this.db.users.where("email").equals(email).count()) > 0) {
        throw new AppServicesError("AccountNameInUse", "name already in use");
      }
      await this.db.users.add(record);
    });
    this.auth.log(`created ${email} from the console`, undefined, record.id);
    this.auth.emit("CREATE", record, undefined);
    return summarize(record);
  }

  /** Confirms a pending registration by hand, as the console's "Confirm User" did. */
  async confirmUser(email: string): Promise<void> {
    const user = await this.db.users.where("email").equals(email).first();
    if (!user) throw new AppServicesError("UserNotFound", "user not found");
    if (user.status !== "pending-confirmation") throw new AppServicesError("UserAlreadyConfirmed", "already confirmed");
    await this.db.users.update(user.id, { status: "pending-login", confirmedAt: this.auth.app.clock(), confirmation: undefined });
    this.auth.log(`confirmed ${email} from the console`, undefined, user.id);
  }

  async setPassword(id: string, password: string): Promise<void> {
    await this.existing(id);
    await this.userpass.setPassword(id, password);
  }

  /** Disabling blocks logins and ends every session; access tokens stop working too. */
  async disableUser(id: string): Promise<void> {
    const user = await this.existing(id);
    await this.db.transaction("rw", this.db.users, this.db.sessions, async () => {
      await this.db.users.update(id, { disabled: true });
      await this.db.sessions.where("userId").equals(id).delete();
    });
    this.auth.forgetSessions(id);
    this.auth.log(`disabled ${user.email}`, undefined, id);
  }

  async enableUser(id: string): Promise<void> {
    const user = await this.existing(id);
    await this.db.users.update(id, { disabled: false });
    this.auth.forgetSessions(id);
    this.auth.log(`enabled ${user.email}`, undefined, id);
  }

  deleteUser(id: string): Promise<void> {
    return this.auth.deleteUser(id);
  }

  async revokeSessions(id: string): Promise<number> {
    const user = await this.existing(id);
    const count = await this.auth.revokeSessions(id);
    this.auth.log(`revoked ${count} session(s) of ${user.email}`, undefined, id);
    return count;
  }

  async sessions(userId?: string): Promise<SessionRecord[]> {
    const found = userId === undefined ? await this.db.sessions.toArray() : await this.db.sessions.where("userId").equals(userId).toArray();
    return found.sort((a, b) => a.createdAt - b.createdAt);
  }

  pendingConfirmations(): Promise<PendingLink[]> {
    return this.pending("confirmation", (config) => config.emailConfirmationUrl);
  }

  pendingResets(): Promise<PendingLink[]> {
    return this.pending("reset", (config) => config.resetPasswordUrl);
  }

  private async pending(
    kind: "confirmation" | "reset",
    url: (config: ReturnType<UserpassProvider["config"]>) => string | undefined,
  ): Promise<PendingLink[]> {
    let base: string | undefined;
    try {
      base = url(this.userpass.config());
    } catch {
      base = undefined;
    }
    const now = this.auth.app.clock();
    const users = await this.db.users.filter((user) => user[kind] !== undefined).toArray();
    return users
      .map((user) => {
        const grant = user[kind]!;
        const entry: PendingLink = { ...grant, userId: user.id, email: user.email, expired: grant.expiresAt <= now };
        const link = tokenLink(base, grant.token, grant.tokenId);
        if (link) entry.link = link;
        return entry;
      })
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  private async existing(id: string): Promise<UserRecord> {
    const user = await this.db.users.get(id);
    if (!user) throw new AppServicesError("UserNotFound", "user not found");
    return user;
  }
}

import type { ServiceWorkerStatus } from "../../sw/register.ts";
import type { BackendStatus, Role } from "../../worker/protocol.ts";
import type { AppOverview, AppSummary, ConsoleApi, Session } from "./console-api.ts";

/** Who the console acts as: the system (no rules), or one user of the app with a real session. */
export type RunAs = { kind: "system" } | { kind: "user"; userId: string; email: string };

export interface ConsoleState {
  apps: AppSummary[];
  /** The app every screen works on. */
  appId: string;
  overview?: AppOverview;
  runAs: RunAs;
  backend?: BackendStatus;
  /** Whether this tab's Worker serves the backend or another tab's does. */
  role?: Role;
  serviceWorker?: ServiceWorkerStatus;
  storage?: { usage?: number; quota?: number; persisted?: boolean };
  /** Why the console could not load, shown where it happened. */
  error?: string;
}

const APP_KEY = "realm-sandbox:console:app";
const RUN_AS_KEY = "realm-sandbox:console:run-as";

/**
 * The console's shared state: the apps, the current app and its overview, the Run-as
 * identity (kept per app across reloads) and the sessions opened for it.
 */
export class ConsoleStore {
  private current: ConsoleState;
  private readonly listeners = new Set<(state: ConsoleState) => void>();
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(
    readonly api: ConsoleApi,
    defaultAppId: string,
    private readonly storage: Pick<Storage, "getItem" | "setItem"> = localStorage,
  ) {
    const appId = storage.getItem(APP_KEY) ?? defaultAppId;
    this.current = { apps: [], appId, runAs: this.savedRunAs(appId) };
  }

  get state(): ConsoleState {
    return this.current;
  }

  subscribe(listener: (state: ConsoleState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(partial: Partial<ConsoleState>): void {
    this.current = { ...this.current, ...partial };
    for (const listener of this.listeners) listener(this.current);
  }

  /** Reloads the app list and the current app's overview (after any change in the backend). */
  async refresh(): Promise<void> {
    try {
      const apps = await this.api.listApps();
      const appId = apps.some((a) => a.appId === this.current.appId) ? this.current.appId : apps[0].appId;
      const overview = await this.api.overview(appId);
      this.set({ apps, appId, overview, error: undefined });
    } catch (error) {
      this.set({ error: `The console could not load the app: ${(error as Error).message}` });
    }
  }

  async selectApp(appId: string): Promise<void> {
    if (appId === this.current.appId && this.current.overview) return;
    this.storage.setItem(APP_KEY, appId);
    this.set({ appId, overview: undefined, runAs: this.savedRunAs(appId) });
    await this.refresh();
  }

  setRunAs(runAs: RunAs): void {
    this.storage.setItem(`${RUN_AS_KEY}:${this.current.appId}`, JSON.stringify(runAs));
    this.set({ runAs });
  }

  /**
   * A fetch of the client API as the Run-as identity: with a user's access token (a real
   * session, opened once and renewed when it expires), or, for the system, through the
   * console's API instead (callers choose).
   */
  async fetchAsUser(path: string, init: RequestInit = {}): Promise<Response> {
    const { runAs, appId } = this.current;
    if (runAs.kind !== "user") throw new Error("fetchAsUser needs a user as Run as");
    const send = async () => {
      const session = await this.session(appId, runAs.userId);
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${session.access_token}`);
      return this.api.clientFetch(path, { ...init, headers });
    };
    const response = await send();
    if (response.status !== 401) return response;
    this.sessions.delete(`${appId}/${runAs.userId}`);
    return send();
  }

  /** The Run-as user's access token (the session fetchAsUser uses), e.g. for code to copy; undefined for the system. */
  async accessToken(): Promise<string | undefined> {
    const { runAs, appId } = this.current;
    if (runAs.kind !== "user") return undefined;
    return (await this.session(appId, runAs.userId)).access_token;
  }

  private session(appId: string, userId: string): Promise<Session> {
    const key = `${appId}/${userId}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.api.openSession(appId, userId);
      session.catch(() => this.sessions.delete(key));
      this.sessions.set(key, session);
    }
    return session;
  }

  private savedRunAs(appId: string): RunAs {
    try {
      const saved = JSON.parse(this.storage.getItem(`${RUN_AS_KEY}:${appId}`) ?? "null") as RunAs | null;
      if (saved && (saved.kind === "system" || (saved.kind === "user" && typeof saved.userId === "string"))) return saved;
    } catch {
      // A damaged entry falls back to the system.
    }
    return { kind: "system" };
  }
}

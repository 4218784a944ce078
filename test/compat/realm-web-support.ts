import * as Realm from "realm-web";

import { quietTaskTracker } from "../protocol/fixtures.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { SCHEMA_ONLY_POLICY } from "../../src/app/catalog.ts";
import { userContext } from "../../src/services/request-context.ts";
import { fakeClock, freshIndexedDB } from "../helpers/idb.ts";

export const APP_ID = "tasktracker-abcde";
export const PASSWORD = "secret123";

type RealmStorage = NonNullable<Realm.AppConfiguration["storage"]>;

/** realm-web's Storage interface over a Map, like one browser's localStorage. */
export class MemoryStore {
  constructor(
    readonly entries = new Map<string, string>(),
    private readonly base = "",
    private readonly listeners = new Set<() => void>(),
  ) {}

  private key(key: string): string {
    return this.base ? `${this.base}:${key}` : key;
  }
  get(key: string): string | null {
    return this.entries.get(this.key(key)) ?? null;
  }
  set(key: string, value: string): void {
    this.entries.set(this.key(key), value);
    this.listeners.forEach((listener) => listener());
  }
  remove(key: string): void {
    this.entries.delete(this.key(key));
    this.listeners.forEach((listener) => listener());
  }
  prefix(part: string): MemoryStore {
    return new MemoryStore(this.entries, this.key(part), this.listeners);
  }
  clear(prefix = ""): void {
    const start = this.key(prefix);
    for (const key of [...this.entries.keys()]) if (key.startsWith(start)) this.entries.delete(key);
  }
  addListener(listener: () => void): void {
    this.listeners.add(listener);
  }
  removeListener(listener: () => void): void {
    this.listeners.delete(listener);
  }
}

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | null;
}

export interface Harness {
  sandbox: Sandbox;
  clock: ReturnType<typeof fakeClock>;
  requests: RecordedRequest[];
  /** A new realm-web client (its own storage, like a separate browser). */
  client(): Realm.App;
  /** Registers and logs in through realm-web. */
  signUp(client: Realm.App, email: string): Promise<Realm.User>;
  /** Whether a rules engine decides user requests (otherwise only schemas apply). */
  rulesEnabled(): boolean;
  close(): Promise<void>;
}

export interface ClientMode {
  name: string;
  /** realm-web's skipLocationRequest. */
  skipLocation: boolean;
}

export const MODES: ClientMode[] = [
  { name: "with the location request", skipLocation: false },
  { name: "without the location request", skipLocation: true },
];

let counter = 0;

/** The tutorial backend; without its onNewUser trigger unless asked, so tests can write custom data themselves. */
export async function openHarness(mode: ClientMode, withTrigger = false): Promise<Harness> {
  const clock = fakeClock();
  const sandbox = await createSandbox({
    appId: APP_ID,
    template: "task-tracker",
    databaseName: `realm-web-${++counter}`,
    now: clock.now,
    bcryptCost: 4,
    ...freshIndexedDB(),
  });
  if (!withTrigger) await sandbox.importApp(quietTaskTracker(APP_ID));
  const requests: RecordedRequest[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    requests.push({ method: request.method, url: request.url, authorization: request.headers.get("authorization") });
    return sandbox.fetch(request);
  }) as typeof globalThis.fetch;
  const client = () =>
    new Realm.App({
      id: APP_ID,
      baseUrl: mode.skipLocation ? "http://emu.local" : "http://base.local",
      skipLocationRequest: mode.skipLocation,
      fetch: fetch as unknown as Realm.AppConfiguration["fetch"],
      storage: new MemoryStore() as RealmStorage,
    });
  return {
    sandbox,
    clock,
    requests,
    client,
    async signUp(app, email) {
      await app.emailPasswordAuth.registerUser({ email, password: PASSWORD });
      return app.logIn(Realm.Credentials.emailPassword(email, PASSWORD));
    },
    rulesEnabled() {
      const probe = userContext({ id: "probe", type: "normal", data: {}, custom_data: {}, identities: [] });
      return sandbox.app.services.catalog().policyFor("mongodb-atlas", "tracker.tasks", probe) !== SCHEMA_ONLY_POLICY;
    },
    close: () => sandbox.close(),
  };
}

import type { ImportResult } from "../app/app.ts";
import type { TemplateName } from "../app/templates/index.ts";
import { appNameFrom, prepareImport, type ImportOptions } from "../config/index.ts";
import type { AppFiles, ImportNote } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { SandboxDatabase } from "../storage/database.ts";
import { openHostedApp, type HostedApp, type HostSettings } from "./hosted-app.ts";
import { AppRegistry, type AppEntry } from "./registry.ts";
import { appIdInPath, tokenDomainId } from "./route-app.ts";

/** An app as the console lists it. */
export interface AppSummary {
  appId: string;
  name: string;
  /** The app `createSandbox` opened; it cannot be removed. */
  isDefault: boolean;
  createdAt: number | undefined;
  origin: AppEntry["origin"] | "default";
}

export interface CreateAppOptions {
  template?: TemplateName;
  /** Default: the template's name, made unique. */
  appId?: string;
  name?: string;
}

export interface ImportAppOptions extends ImportOptions {
  /** Default: the `app_id` of the export's config, else one derived from its name. */
  appId?: string;
  /** When an app with that id exists: deploy the import to it (data, users and log are kept). Default false. */
  replace?: boolean;
}

export interface AppImport {
  app: AppSummary;
  notes: ImportNote[];
}

/** Several apps side by side in one sandbox, each with its own database; requests are routed by app id. */
export class SandboxApps {
  private readonly open = new Map<string, Promise<HostedApp>>();
  private closed = false;

  constructor(
    private readonly defaultApp: HostedApp,
    private readonly registry: AppRegistry,
    private readonly settings: HostSettings,
    private readonly databaseNameOf: (appId: string) => string,
  ) {
    this.open.set(defaultApp.appId, Promise.resolve(defaultApp));
  }

  async list(): Promise<AppSummary[]> {
    const entries = await this.registry.apps.toArray();
    const first: AppSummary = {
      appId: this.defaultApp.appId,
      name: this.defaultApp.app.deployed.name,
      isDefault: true,
      createdAt: undefined,
      origin: "default",
    };
    return [first, ...entries.filter((e) => e.appId !== first.appId).sort((a, b) => a.createdAt - b.createdAt).map(summaryOf)];
  }

  /** The running app with that id (opened on first use), or undefined when the sandbox has none. */
  async get(appId: string): Promise<HostedApp | undefined> {
    const opening = this.open.get(appId);
    if (opening) return opening;
    const entry = await this.registry.apps.get(appId);
    if (!entry || this.closed) return undefined;
    return this.openEntry(entry);
  }

  /** A new app from a template, with its own id, data, users and log. */
  async create(options: CreateAppOptions = {}): Promise<AppSummary> {
    const template = options.template ?? "blank";
    const appId = options.appId ?? (await this.freeAppId(options.name ?? (template === "blank" ? "application-0" : "tasktracker")));
    await this.ensureFree(appId);
    const name = options.name === undefined ? undefined : appNameFrom(options.name);
    const entry: AppEntry = { appId, name: name ?? appId, databaseName: this.databaseNameOf(appId), createdAt: this.now(), origin: "template" };
    const hosted = await this.openEntry(entry, template, name);
    entry.name = hosted.app.deployed.name;
    await this.registry.apps.put(entry);
    return summaryOf(entry);
  }

  /**
   * Adds an exported app directory as an app of its own, reachable under its own app id,
   * so its unchanged clients work. Nothing is created when the import is refused.
   */
  async import(files: AppFiles, options: ImportAppOptions = {}): Promise<AppImport> {
    // Checked before any database exists, so a refused import leaves nothing behind.
    const report = prepareImport(files, this.defaultApp.app.parseHooks, options);
    const appId = options.appId ?? report.appId ?? (await this.freeAppId(report.name));
    const existing = await this.get(appId);
    if (existing && !options.replace) {
      throw new AppServicesError(
        "InvalidParameter",
        `an app with the client app id '${appId}' is already in this sandbox: import it with replace to deploy over it, or remove that app first`,
      );
    }
    const isNew = !existing;
    const entry: AppEntry = { appId, name: report.name, databaseName: this.databaseNameOf(appId), createdAt: this.now(), origin: "import" };
    const hosted = existing ?? (await this.openEntry(entry));
    let result: ImportResult;
    try {
      result = await hosted.app.deployImport(report);
    } catch (error) {
      if (isNew) await this.drop(appId).catch(() => undefined);
      throw error;
    }
    if (appId !== this.defaultApp.appId) {
      const stored = (await this.registry.apps.get(appId)) ?? entry;
      await this.registry.apps.put({ ...stored, name: result.name });
    }
    const app = (await this.list()).find((a) => a.appId === appId)!;
    return { app, notes: result.notes };
  }

  /** Closes an app and deletes its database. The default app stays. */
  async remove(appId: string): Promise<void> {
    if (appId === this.defaultApp.appId) throw new AppServicesError("InvalidParameter", `the default app '${appId}' cannot be removed`);
    if (!(await this.registry.apps.get(appId))) throw new AppServicesError("NotFound", `cannot find app using Client App ID '${appId}'`);
    await this.drop(appId);
  }

  /** The client API of every app: routed by the app id in the URL, or by the token of a session route. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const named = appIdInPath(url.pathname);
    if (named !== undefined) {
      // An unknown id is answered by the default app's handler, as App Services answered it.
      return ((await this.get(named)) ?? this.defaultApp).handle(request);
    }
    const domain = tokenDomainId(request.headers.get("authorization"));
    return ((domain && (await this.byDomain(domain))) || this.defaultApp).handle(request);
  }

  async close(): Promise<void> {
    this.closed = true;
    const apps = await Promise.allSettled([...this.open.values()]);
    this.open.clear();
    for (const app of apps) if (app.status === "fulfilled") await app.value.close();
    this.registry.close();
  }

  private openEntry(entry: AppEntry, template: TemplateName = "blank", name?: string): Promise<HostedApp> {
    const opening = openHostedApp(entry.appId, entry.databaseName, template, this.settings, name);
    this.open.set(entry.appId, opening);
    opening.catch(() => this.open.delete(entry.appId));
    return opening;
  }

  private async byDomain(domainId: string): Promise<HostedApp | undefined> {
    for (const entry of await this.registry.apps.toArray()) await this.get(entry.appId).catch(() => undefined);
    for (const opening of this.open.values()) {
      const hosted = await opening.catch(() => undefined);
      if (hosted && (await hosted.auth.keys()).domainId === domainId) return hosted;
    }
    return undefined;
  }

  private async drop(appId: string): Promise<void> {
    const opening = this.open.get(appId);
    this.open.delete(appId);
    const hosted = await opening?.catch(() => undefined);
    await hosted?.close();
    await this.registry.apps.delete(appId);
    await new SandboxDatabase(this.databaseNameOf(appId), this.settings).delete();
  }

  private async ensureFree(appId: string): Promise<void> {
    if (!/^[A-Za-z0-9_-]+$/.test(appId)) {
      throw new AppServicesError("InvalidParameter", `an app id may only use letters, digits, "-" and "_", got '${appId}'`);
    }
    if (this.open.has(appId) || (await this.registry.apps.get(appId))) {
      throw new AppServicesError("InvalidParameter", `an app with the client app id '${appId}' is already in this sandbox`);
    }
  }

  /** An app id from a name, as App Services made them lower-case; `-2`, `-3`… when taken. */
  private async freeAppId(name: string): Promise<string> {
    const base = appNameFrom(name).toLowerCase();
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!this.open.has(candidate) && !(await this.registry.apps.get(candidate))) return candidate;
    }
  }

  private now(): number {
    return (this.settings.now ?? Date.now)();
  }
}

function summaryOf(entry: AppEntry): AppSummary {
  return { appId: entry.appId, name: entry.name, isDefault: false, createdAt: entry.createdAt, origin: entry.origin };
}

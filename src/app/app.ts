import { AppServicesError } from "../core/app-services-error.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import { Mutex } from "../core/mutex.ts";
import { validateExpression } from "../rules/expressions/index.ts";
import { definitionProblems } from "../schema/index.ts";
import { MongoDBService, type ServiceCatalog, type ServiceEnvironment } from "../services/mongodb-atlas/service.ts";
import type { RequestContext } from "../services/request-context.ts";
import { SandboxDatabase, type StorageDependencies } from "../storage/database.ts";
import { DocumentStore } from "../storage/document-store.ts";
import { AppLog } from "../log/app-log.ts";
import { AppEvents } from "./app-events.ts";
import { catalogOf, type PolicyFactory } from "./catalog.ts";
import { diffApps, isEmptyDiff, parseApp, prepareImport, type AppDiff, type ImportOptions, type ImportReport } from "../config/index.ts";
import type { AppFiles, AppModel, ImportNote, ParseHooks } from "../config/types.ts";
import type { FunctionHost } from "./function-host.ts";
import { rulePolicies } from "./policies.ts";
import { appendHistory, droppedByAppend, DeploymentStore, type ConfigState, type Deployment } from "./deployment-store.ts";
import { TEMPLATES, type TemplateName } from "./templates/index.ts";

export interface AppOptions extends StorageDependencies {
  appId: string;
  template: TemplateName;
  /** The name a new app gets from its template; default the template's. */
  name?: string;
  databaseName: string;
  now?: Clock;
}

/** An import as the console shows it: the deployment it made and what it tells the user. */
export interface ImportResult {
  deployment: Deployment;
  /** The app's name (derived when the export had none) and the app id of its config. */
  name: string;
  configAppId: string | undefined;
  notes: ImportNote[];
}

/** What a running app exposes to its layers when a new version goes live. */
export type DeployListener = (model: AppModel, previous: AppModel | undefined) => void | Promise<void>;

/**
 * The checks the layers below contribute to config parsing: schema definitions and rule
 * expressions. The functions and triggers layers add theirs (`addParseHooks`) when they
 * are installed, so deploys also refuse code that does not parse and bad schedules.
 */
export const PARSE_HOOKS: ParseHooks = {
  checkSchema: (schema) => definitionProblems(schema),
  checkExpression: (expr) => validateExpression(expr),
};

/**
 * One sandboxed App Services app: its persisted configuration (draft, deployed version,
 * history) and the storage every service works on. Requests are served from the
 * deployed version only; edits go to the draft until deployed.
 */
export class SandboxApp {
  readonly store: DocumentStore;
  readonly mutex = new Mutex();
  private readonly deployments: DeploymentStore;
  private state!: ConfigState;
  private model!: AppModel;
  private catalog!: ServiceCatalog;
  private policyFactory: PolicyFactory | undefined;
  private readonly deployListeners = new Set<DeployListener>();
  private hooks: ParseHooks = PARSE_HOOKS;
  readonly services: ServiceEnvironment;
  readonly events = new AppEvents();
  readonly log: AppLog;
  /** Set by the functions layer when it is installed. */
  functions: FunctionHost | undefined;

  private constructor(
    readonly appId: string,
    readonly db: SandboxDatabase,
    readonly clock: Clock,
    cacheReads?: boolean,
  ) {
    this.store = new DocumentStore(db, clock, { cacheReads });
    this.deployments = new DeploymentStore(db, clock);
    this.log = new AppLog(db, clock);
    this.services = { store: this.store, mutex: this.mutex, clock, catalog: () => this.catalog };
  }

  /** Opens (or creates, from the template) the app stored in `databaseName`. */
  static async open(options: AppOptions): Promise<SandboxApp> {
    const db = new SandboxDatabase(options.databaseName, options);
    const app = new SandboxApp(options.appId, db, options.now ?? systemClock, options.cacheReads);
    app.policyFactory = rulePolicies(() => app.functions, app.log);
    try {
      await db.open();
    } catch (error) {
      throw new AppServicesError("InternalServerError", `cannot open the sandbox database: ${(error as Error).message}`);
    }
    const stored = await app.deployments.load();
    if (stored) {
      app.state = stored;
      app.model = parseApp(stored.deployed, PARSE_HOOKS);
    } else {
      const files = TEMPLATES[options.template](options.appId, options.name);
      app.model = parseApp(files, PARSE_HOOKS);
      const entry = app.deployments.entry(options.appId, {}, files, "template");
      app.state = { deployed: files, draft: files, history: [entry] };
      await app.deployments.saveDeployed(app.state, entry, files, []);
    }
    app.catalog = catalogOf(app.model, app.policyFactory);
    await app.store.configureIndexes(app.model.sandbox.indexes);
    return app;
  }

  /** The live configuration every request is served from. */
  get deployed(): AppModel {
    return this.model;
  }

  get deployedFiles(): AppFiles {
    return this.state.deployed;
  }

  get draft(): AppFiles {
    return this.state.draft;
  }

  get history(): readonly Deployment[] {
    return this.state.history;
  }

  /**
   * The files of a deployment of the history; undefined when it is not in the history or
   * was deployed before each version's files were kept (the live one is always known).
   */
  async versionFiles(id: string): Promise<AppFiles | undefined> {
    if (!this.state.history.some((d) => d._id === id)) return undefined;
    const kept = await this.deployments.version(id);
    if (kept) return kept;
    return this.state.history[0]?._id === id ? this.state.deployed : undefined;
  }

  /** Whether the draft differs from what is deployed. */
  get hasDraftChanges(): boolean {
    return this.state.draft !== this.state.deployed && !isEmptyDiff(this.pendingDiff());
  }

  pendingDiff(): AppDiff {
    return diffApps(this.state.deployed, this.state.draft);
  }

  /** Replaces the policy factory (the app's rules by default); user requests use it from now on. */
  usePolicies(factory: PolicyFactory): void {
    this.policyFactory = factory;
    this.catalog = catalogOf(this.model, factory);
  }

  /** Adds deploy-time checks from the layers above (function sources, schedules). */
  addParseHooks(hooks: ParseHooks): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  /** Every check a deploy runs. */
  get parseHooks(): ParseHooks {
    return this.hooks;
  }

  onDeploy(listener: DeployListener): () => void {
    this.deployListeners.add(listener);
    return () => this.deployListeners.delete(listener);
  }

  /** The `mongodb-atlas` service as `context` sees it. */
  mongo(context: RequestContext, serviceName = "mongodb-atlas"): MongoDBService {
    return new MongoDBService(this.services, context, serviceName);
  }

  /** Saves files into the draft after checking that they form a valid app. */
  async saveDraft(files: AppFiles): Promise<void> {
    parseApp(files, this.hooks);
    await this.commitState({ ...this.state, draft: files });
  }

  async discardDraft(): Promise<void> {
    await this.commitState({ ...this.state, draft: this.state.deployed });
  }

  /** Makes the draft live and records it in the deployment history. */
  async deploy(origin: Deployment["origin"] = "UI"): Promise<Deployment> {
    return this.makeLive(this.state.draft, origin);
  }

  /** Re-deploys an earlier version as a new deployment, as App Services' "Re-Deploy" did. */
  async redeploy(files: AppFiles): Promise<Deployment> {
    return this.makeLive(files, "redeploy");
  }

  /**
   * Replaces the app with an exported app directory (any config version): validates it
   * completely first, so a bad file leaves the current app untouched. Every file and
   * value is kept, so exporting gives the directory back.
   */
  async importApp(input: AppFiles, options: ImportOptions = {}): Promise<ImportResult> {
    return this.deployImport(prepareImport(input, this.hooks, options));
  }

  /** Deploys an import already checked by `prepareImport`. */
  async deployImport(report: ImportReport): Promise<ImportResult> {
    const deployment = await this.makeLive(report.files, "import", report.model);
    return { deployment, name: report.name, configAppId: report.appId, notes: report.notes };
  }

  /** The app directory of the draft (equal to the deployed app when there are no pending changes). */
  exportApp(): AppFiles {
    return { ...this.state.draft };
  }

  async close(): Promise<void> {
    await this.log.flush();
    this.db.close();
  }

  /** `checked` is the model of `files` when the caller has just parsed them, so they are not parsed twice. */
  private async makeLive(files: AppFiles, origin: Deployment["origin"], checked?: AppModel): Promise<Deployment> {
    const model = checked ?? parseApp(files, this.hooks);
    const entry = this.deployments.entry(this.appId, this.state.deployed, files, origin);
    const previous = this.model;
    const state = { deployed: files, draft: files, history: appendHistory(this.state.history, entry) };
    await this.deployments.saveDeployed(state, entry, files, droppedByAppend(this.state.history));
    this.state = state;
    this.model = model;
    this.catalog = catalogOf(model, this.policyFactory);
    await this.store.configureIndexes(model.sandbox.indexes);
    for (const listener of this.deployListeners) await listener(model, previous);
    const { added, removed, modified } = entry.diff;
    this.log.write({
      type: "deploy",
      status: "ok",
      summary: `deployed ${entry._id} (${origin}): ${added.length} added, ${modified.length} modified, ${removed.length} removed`,
      details: { deployment: entry },
    });
    return entry;
  }

  private async commitState(state: ConfigState): Promise<void> {
    await this.deployments.save(state);
    this.state = state;
  }
}

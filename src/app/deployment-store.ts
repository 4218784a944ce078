import { ObjectId } from "../bson/types.ts";
import type { Clock } from "../core/clock.ts";
import type { SandboxDatabase } from "../storage/database.ts";
import { diffApps, type AppDiff } from "../config/index.ts";
import type { AppFiles } from "../config/types.ts";

/** One entry of the deployment history, in the Admin API's shape plus the file diff. */
export interface Deployment {
  _id: string;
  name: string;
  app_id: string;
  /** Epoch seconds, as the Admin API reports it. */
  deployed_at: number;
  origin: "UI" | "import" | "template" | "redeploy";
  status: "successful";
  diff: AppDiff;
}

/** The persisted configuration state: the deployed files, the draft and the history. */
export interface ConfigState {
  deployed: AppFiles;
  draft: AppFiles;
  history: Deployment[];
}

/** App Services lists the most recent deployments; older ones fall off. */
export const HISTORY_LIMIT = 100;

const STATE_KEY = "app.config";
/** Each deployed version's files, in a record of its own so a deploy writes only the new one. */
const VERSION_KEY = "app.version.";

/** Reads and writes the configuration state as one meta record, so a deploy is atomic. */
export class DeploymentStore {
  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<ConfigState | undefined> {
    const record = await this.db.meta.get(STATE_KEY);
    return record?.value as ConfigState | undefined;
  }

  async save(state: ConfigState): Promise<void> {
    await this.db.meta.put({ key: STATE_KEY, value: state });
  }

  /**
   * Saves the state after a deploy together with the files of the version it made live, and
   * drops the files of versions that fell off the history, in one transaction: the history
   * and the versions it can redeploy never disagree.
   */
  async saveDeployed(state: ConfigState, entry: Deployment, files: AppFiles, dropped: readonly Deployment[]): Promise<void> {
    await this.db.transaction("rw", this.db.meta, async () => {
      await this.db.meta.put({ key: VERSION_KEY + entry._id, value: files });
      if (dropped.length > 0) await this.db.meta.bulkDelete(dropped.map((d) => VERSION_KEY + d._id));
      await this.db.meta.put({ key: STATE_KEY, value: state });
    });
  }

  /** The files of one deployed version; undefined for versions deployed before versions were kept. */
  async version(id: string): Promise<AppFiles | undefined> {
    return (await this.db.meta.get(VERSION_KEY + id))?.value as AppFiles | undefined;
  }

  /** The history entry for making `next` live after `previous`. */
  entry(appId: string, previous: AppFiles, next: AppFiles, origin: Deployment["origin"]): Deployment {
    const now = this.clock();
    const id = new ObjectId(ObjectId.generate(Math.floor(now / 1000))).toHexString();
    return {
      _id: id,
      name: id,
      app_id: appId,
      deployed_at: Math.floor(now / 1000),
      origin,
      status: "successful",
      diff: diffApps(previous, next),
    };
  }
}

export function appendHistory(history: Deployment[], entry: Deployment): Deployment[] {
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}

/** The entries `appendHistory` drops, whose kept files go with them. */
export function droppedByAppend(history: readonly Deployment[]): Deployment[] {
  return history.slice(HISTORY_LIMIT - 1);
}

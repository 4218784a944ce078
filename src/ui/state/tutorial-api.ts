/**
 * The tutorial panel's calls to the console API: the app's files as a step's check reads
 * them (the draft, and the live version from the deployment history), and writing a
 * step's files into the draft.
 */
import type { AppFileMap, TutorialSnapshot } from "../../tutorial/types.ts";
import type { ConsoleApi } from "./console-api.ts";
import { DeploymentApi } from "./deployment-api.ts";

/** The app's own identity: tutorial files never replace it (their app id is a placeholder). */
export const APP_CONFIG = "realm_config.json";

export class TutorialApi {
  private readonly deployments: DeploymentApi;

  constructor(private readonly api: ConsoleApi) {
    this.deployments = new DeploymentApi(api);
  }

  async draftFiles(appId: string): Promise<AppFileMap> {
    return (await this.api.draft(appId)).files;
  }

  /** The live version's files; empty when nothing was deployed or its files were not kept. */
  async deployedFiles(appId: string): Promise<AppFileMap> {
    const latest = (await this.deployments.history(appId))[0];
    if (!latest) return {};
    return (await this.deployments.version(appId, latest._id)).files ?? {};
  }

  /** What a check reads; the live version is fetched only when a step looks at it. */
  async snapshot(appId: string, withDeployed: boolean): Promise<TutorialSnapshot> {
    const [draft, deployed] = await Promise.all([this.draftFiles(appId), withDeployed ? this.deployedFiles(appId) : Promise.resolve({})]);
    return { draft, deployed };
  }

  /** Writes some files into the draft, refused with the problems deploy would give. */
  async writeFiles(appId: string, files: AppFileMap): Promise<void> {
    const set = { ...files };
    delete set[APP_CONFIG];
    await this.api.patchDraft(appId, set);
  }

  /** Makes the draft exactly `files`, keeping the app's own realm_config.json. */
  async replaceDraft(appId: string, files: AppFileMap): Promise<void> {
    const current = await this.draftFiles(appId);
    const next = { ...files };
    if (current[APP_CONFIG] !== undefined) next[APP_CONFIG] = current[APP_CONFIG];
    await this.api.saveDraft(appId, next);
  }
}

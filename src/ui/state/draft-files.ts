import type { ReactiveController, ReactiveControllerHost } from "lit";

import type { AppFiles, AppOverview, ConfigProblem } from "./console-api.ts";
import { ConsoleApiError } from "./console-api.ts";
import type { ConsoleStore } from "./console-store.ts";

/**
 * The current app's draft files for a screen: read when the app or its overview changes
 * (a save anywhere refreshes the overview), and saved one file set at a time through
 * patchDraft, which refuses with the problems deploy would give.
 */
export class DraftFiles implements ReactiveController {
  files: AppFiles | undefined;
  error: string | undefined;
  private loadedFor: { appId: string; overview: AppOverview | undefined } | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => ConsoleStore | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.store()?.subscribe(() => this.sync());
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get appId(): string | undefined {
    return this.store()?.state.appId;
  }

  /** Saves files to the draft; the answer is the problems that refused them (none when saved). */
  async save(set: AppFiles, remove: string[] = []): Promise<{ problems: ConfigProblem[]; error?: string }> {
    const store = this.store();
    if (!store) return { problems: [], error: "The console is not connected to the backend yet." };
    const appId = store.state.appId;
    try {
      const { files } = await store.api.patchDraft(appId, set, remove);
      this.files = files;
      this.host.requestUpdate();
      await store.refresh();
      this.loadedFor = { appId, overview: store.state.overview };
      return { problems: [] };
    } catch (error) {
      if (error instanceof ConsoleApiError && error.problems.length) return { problems: error.problems, error: error.message };
      return { problems: [], error: `The draft could not be saved: ${(error as Error).message}` };
    }
  }

  /** Reads the draft again (after a change made through another route, e.g. secrets). */
  async reload(): Promise<void> {
    const store = this.store();
    if (!store) return;
    await store.refresh();
    this.loadedFor = { appId: store.state.appId, overview: store.state.overview };
    await this.load(store.state.appId);
  }

  private sync(): void {
    const s = this.store()?.state;
    if (!s) return;
    if (this.loadedFor?.appId === s.appId && this.loadedFor.overview === s.overview) return;
    // Another app's files must not stand in for this one's while they load.
    if (this.loadedFor && this.loadedFor.appId !== s.appId) this.files = undefined;
    this.loadedFor = { appId: s.appId, overview: s.overview };
    void this.load(s.appId);
  }

  private async load(appId: string): Promise<void> {
    const store = this.store();
    if (!store) return;
    try {
      const { files } = await store.api.draft(appId);
      if (store.state.appId !== appId) return;
      this.files = files;
      this.error = undefined;
    } catch (error) {
      this.error = `The draft could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
    this.host.requestUpdate();
  }
}

/** A file of the draft as JSON, or undefined when absent or not JSON. */
export function readJson(files: AppFiles | undefined, path: string): Record<string, unknown> | undefined {
  const text = files?.[path];
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON file as the app directory writes it. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 4)}\n`;
}

import type { ReactiveController, ReactiveControllerHost } from "lit";

import type { AppFiles, AppOverview } from "./console-api.ts";
import type { ConsoleStore } from "./console-store.ts";

/**
 * The current app's draft files for a screen that edits them: read when the app or its
 * overview changes (a save or deploy elsewhere), and again after a child saved to it.
 */
export class DraftController implements ReactiveController {
  files: AppFiles | undefined;
  loadError: string | undefined;
  /** The overview the draft was last read for: a new one means the draft may have changed elsewhere. */
  private loadedFor: { appId: string; overview: AppOverview | undefined } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => ConsoleStore | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const s = this.store()?.state;
    if (!s) return;
    if (this.loadedFor?.appId === s.appId && this.loadedFor.overview === s.overview) return;
    // Another app's files must not stand in for this one's while they load.
    if (this.loadedFor && this.loadedFor.appId !== s.appId) this.files = undefined;
    this.loadedFor = { appId: s.appId, overview: s.overview };
    void this.load(s.appId);
  }

  /** A child saved to the draft: the top bar's count and the screen's files follow. */
  async changed(): Promise<void> {
    const store = this.store();
    if (!store) return;
    await store.refresh();
    const { appId, overview } = store.state;
    this.loadedFor = { appId, overview };
    await this.load(appId);
  }

  private async load(appId: string): Promise<void> {
    const store = this.store();
    if (!store) return;
    try {
      const { files } = await store.api.draft(appId);
      if (store.state.appId !== appId) return;
      this.files = files;
      this.loadError = undefined;
    } catch (error) {
      this.loadError = `The draft could not be read: ${(error as Error).message}. Reload the page to try again.`;
    }
    this.host.requestUpdate();
  }
}

/**
 * A course's starting app (STARTER_APP_DIR at build time) opened on a first visit: once
 * the backend is ready, the app's files are fetched and sent to the backend through the
 * console API to import over the default app, which keeps the app id the tutorials use.
 * Builds without a starting app add only a few bytes here.
 */
import { loadStarterApp, starterAppSource } from "virtual:starter-app";

import type { AppImport } from "./console-api.ts";
import type { ConsoleStore } from "./console-store.ts";
import { isUntouched } from "./starter-app-choice.ts";

/**
 * Watches the backend's status: whenever the default app's live version is the one the
 * sandbox created from its template (a first visit, or after a reset of the sandbox), the
 * starting app takes its place, once per such version and only while the draft is unchanged.
 */
export function openStarterAppOnFirstVisit(store: ConsoleStore, defaultAppId: string): void {
  const source = starterAppSource;
  if (!source) return;
  const handled = new Set<string>();
  store.subscribe(({ backend }) => {
    const deployment = backend?.state === "ready" && backend.appId === defaultAppId ? backend.deployment : undefined;
    if (deployment?.origin !== "template" || handled.has(deployment.id)) return;
    handled.add(deployment.id);
    void openIfUntouched(store, defaultAppId, source);
  });
}

async function openIfUntouched(store: ConsoleStore, defaultAppId: string, source: string): Promise<void> {
  try {
    if (!isUntouched(await store.api.overview(defaultAppId))) return;
    const files = await loadStarterApp();
    if (!files) return;
    await store.api.request<AppImport>("POST", "/", { files, sourceName: source, appId: defaultAppId, replace: true });
    await store.refresh();
  } catch (error) {
    const text = `The course's starting app (${source}) could not be opened: ${(error as Error).message}. Reload the page to try again, or start from the Home screen.`;
    console.error(text);
    store.set({ error: text });
  }
}

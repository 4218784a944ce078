/**
 * Browser entry: starts this tab's backend Worker and the service worker, and shows the
 * console. The backend itself never loads on the main thread.
 */
import { precacheSite, registerServiceWorker } from "./sw/register.ts";
import { ConsoleApi } from "./ui/state/console-api.ts";
import { ConsoleStore } from "./ui/state/console-store.ts";
import { openStarterAppOnFirstVisit } from "./ui/state/starter-app.ts";
import { applyTheme, savedTheme } from "./ui/shell/rs-theme-switch.ts";
import "./ui/shell/rs-console.ts";
import { tokens } from "./ui/tokens.ts";
import { BackendClient } from "./worker/client.ts";
import type { BackendConfig } from "./worker/protocol.ts";

/** The app id the tutorials use (DEFAULT_APP_ID of src/index.ts, not imported to keep the backend out of the page). */
const APP_ID = "tasktracker-sandbox";

const config: BackendConfig = {
  // Everything is keyed by where the site is served from, so two sandboxes on one origin stay apart.
  basePath: new URL("./", document.baseURI).pathname,
  appId: APP_ID,
  template: "blank",
};

document.adoptedStyleSheets = [...document.adoptedStyleSheets, tokens.styleSheet!];
applyTheme(savedTheme());

const backend = new BackendClient(config);
const store = new ConsoleStore(new ConsoleApi(backend), APP_ID);
document.querySelector("rs-console")!.store = store;
openStarterAppOnFirstVisit(store, APP_ID);

/** Changes in the backend (writes, deploys, imports) refresh what the console shows, at most every 250 ms. */
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function refreshSoon(): void {
  if (refreshTimer !== undefined) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    if (store.state.backend?.state === "ready") void store.refresh();
  }, 250);
}

backend.subscribe((event) => {
  if (event.type === "role") store.set({ role: event.role });
  else {
    store.set({ backend: event.status });
    refreshSoon();
  }
  void refreshStorage();
});

async function loadStatus(attempt = 0): Promise<void> {
  try {
    const status = await backend.status();
    store.set({ backend: status });
    if (status.state === "ready") await store.refresh();
  } catch (error) {
    if (attempt < 3) return void setTimeout(() => void loadStatus(attempt + 1), 200);
    store.set({ error: `The backend does not answer: ${(error as Error).message}. Reload the page to try again.` });
  }
}

let estimating = false;
async function refreshStorage(): Promise<void> {
  if (estimating || !navigator.storage?.estimate) return;
  estimating = true;
  try {
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.()]);
    store.set({ storage: { usage: estimate.usage, quota: estimate.quota, persisted } });
  } finally {
    estimating = false;
  }
}

/** Asks the browser not to evict the sandbox's data under storage pressure. */
async function requestPersistence(): Promise<void> {
  if (!navigator.storage?.persist || (await navigator.storage.persisted?.())) return;
  await navigator.storage.persist().catch(() => false);
  await refreshStorage();
}

registerServiceWorker(config.basePath, (status) => store.set({ serviceWorker: status }));

// The offline copy is made once the backend has started (or failed to), not while it starts.
void loadStatus().finally(precacheSite);
void requestPersistence();

/** For the browser console and scripted checks: the backend's own calls. */
Object.assign(globalThis, {
  realmSandbox: {
    fetch: (input: string | URL | Request, init?: RequestInit) => backend.fetch(input, init),
    admin: (input: string | URL | Request, init?: RequestInit) => backend.admin(input, init),
    status: () => backend.status(),
    exportSandbox: () => backend.exportSandbox(),
    importSandbox: (text: string) => backend.importSandbox(text),
    reset: () => backend.reset(),
  },
});

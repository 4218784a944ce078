/**
 * Browser entry: starts this tab's backend Worker and the service worker, and shows
 * their status. The backend itself never loads on the main thread.
 */
import { registerServiceWorker } from "./sw/register.ts";
import "./ui/sandbox-status.ts";
import type { StatusModel } from "./ui/sandbox-status.ts";
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

const view = document.querySelector("sandbox-status")!;
const model: StatusModel = {};
const render = () => (view.model = { ...model });

const backend = new BackendClient(config);
backend.subscribe((event) => {
  if (event.type === "role") model.role = event.role;
  else model.backend = event.status;
  render();
  void refreshStorage();
});

async function loadStatus(attempt = 0): Promise<void> {
  try {
    model.backend = await backend.status();
    render();
  } catch (error) {
    if (attempt < 3) return void setTimeout(() => void loadStatus(attempt + 1), 200);
    model.notice = { kind: "error", text: `The backend does not answer: ${(error as Error).message}` };
    render();
  }
}

let estimating = false;
async function refreshStorage(): Promise<void> {
  if (estimating || !navigator.storage?.estimate) return;
  estimating = true;
  try {
    const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.()]);
    model.storage = { usage: estimate.usage, quota: estimate.quota, persisted };
    render();
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

async function run(label: string, action: () => Promise<string>): Promise<void> {
  model.busy = true;
  model.notice = undefined;
  render();
  try {
    model.notice = { kind: "ok", text: await action() };
  } catch (error) {
    model.notice = { kind: "error", text: `${label} failed: ${(error as Error).message}` };
  } finally {
    model.busy = false;
    render();
  }
}

view.addEventListener("sandbox-export", () =>
  run("Export", async () => {
    const text = await backend.exportSandbox();
    const name = `${APP_ID}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.json`;
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([text], { type: "application/json" })), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return `Exported to ${name}.`;
  }),
);

view.addEventListener("sandbox-import", (event) =>
  run("Import", async () => {
    const file = (event as CustomEvent<File>).detail;
    model.backend = await backend.importSandbox(await file.text());
    return `Imported ${file.name}.`;
  }),
);

view.addEventListener("sandbox-reset", () =>
  run("Reset", async () => {
    model.backend = await backend.reset();
    return "The sandbox was reset.";
  }),
);

registerServiceWorker(config.basePath, (status) => {
  model.serviceWorker = status;
  render();
});

render();
void loadStatus();
void requestPersistence();

/** For the browser console and scripted checks: the same calls the status view makes. */
Object.assign(globalThis, {
  realmSandbox: {
    fetch: (input: string | URL | Request, init?: RequestInit) => backend.fetch(input, init),
    status: () => backend.status(),
    exportSandbox: () => backend.exportSandbox(),
    importSandbox: (text: string) => backend.importSandbox(text),
    reset: () => backend.reset(),
  },
});

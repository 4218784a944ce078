/** The page's side of the service worker: registers it and reports what it can do. */

export interface ServiceWorkerStatus {
  state: "unsupported" | "installing" | "active" | "failed";
  /** Whether this page's requests go through it (realm-web and Apollo reach the sandbox). */
  controlling: boolean;
  /** A newer version took over after this page loaded: reload to use it. */
  updated: boolean;
  message?: string;
}

const LIMITS =
  "The sandbox itself works in this page; realm-web and Apollo clients calling the App Services URLs cannot reach it, and the site needs the network to load.";

export function registerServiceWorker(basePath: string, onStatus: (status: ServiceWorkerStatus) => void): void {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!container) {
    onStatus({ state: "unsupported", controlling: false, updated: false, message: `This browser offers no service worker here (private window, or not HTTPS). ${LIMITS}` });
    return;
  }
  let controlled = Boolean(container.controller);
  let updated = false;
  let registration: ServiceWorkerRegistration | undefined;
  const report = () => {
    const active = Boolean(registration?.active);
    onStatus({ state: active ? "active" : "installing", controlling: Boolean(container.controller), updated });
  };
  container.addEventListener("controllerchange", () => {
    if (controlled) updated = true;
    controlled = true;
    report();
  });
  container
    .register(new URL("sw.js", new URL(basePath, location.origin)), { scope: basePath })
    .then((reg) => {
      registration = reg;
      const track = (worker: ServiceWorker | null) => worker?.addEventListener("statechange", () => {
        if (worker.state === "redundant" && !reg.active) onStatus({ state: "failed", controlling: false, updated, message: `The service worker failed to install. ${LIMITS}` });
        else report();
      });
      track(reg.installing);
      reg.addEventListener("updatefound", () => track(reg.installing));
      report();
      // Loaded while the worker was activating, a page can miss its claim: ask once it is active.
      void container.ready.then((ready) => {
        if (!container.controller) ready.active?.postMessage("claim");
      });
    })
    .catch((error: Error) => {
      onStatus({ state: "failed", controlling: false, updated, message: `The service worker failed to install: ${error.message}. ${LIMITS}` });
    });
}

/**
 * Asks the service worker to cache the site for offline use. Called once the backend is
 * ready, so the download does not compete with its start; the files the page just loaded
 * come from the browser's HTTP cache.
 */
export function precacheSite(): void {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  void container?.ready.then((registration) => registration.active?.postMessage("precache"));
}

/** Browser entry: starts the backend and shows its status. */
import { createSandbox } from "./index.ts";
import "./ui/sandbox-status.ts";
import type { SandboxStatus } from "./ui/sandbox-status.ts";

const view = document.querySelector("sandbox-status")!;

async function start(): Promise<void> {
  try {
    const sandbox = await createSandbox();
    const app = sandbox.app;
    const refresh = async () => {
      const latest = app.history[0];
      const namespaces = new Set([...app.deployed.collections.map((c) => c.namespace), ...(await app.store.namespaces())]);
      const collections = await Promise.all(
        [...namespaces].sort().map(async (namespace) => ({ namespace, count: await app.store.count(namespace) })),
      );
      const estimate = await navigator.storage?.estimate?.();
      const status: SandboxStatus = {
        state: "ready",
        appId: sandbox.appId,
        deployment: latest && { id: latest._id, deployedAt: latest.deployed_at },
        collections,
        storage: { usage: estimate?.usage, quota: estimate?.quota, persisted: await navigator.storage?.persisted?.() },
      };
      view.status = status;
    };
    await refresh();
    app.store.subscribe(() => void refresh());
    app.onDeploy(() => refresh());
  } catch (error) {
    view.status = { state: "failed", error: (error as Error).message };
    console.error(error);
  }
}

void start();

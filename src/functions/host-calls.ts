import type { SandboxApp } from "../app/app.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { MongoDBService } from "../services/mongodb-atlas/service.ts";
import type { Identity } from "./identity.ts";
import type { RpcOp } from "./runner/protocol.ts";
import { collectionMethod } from "./service-bridge.ts";
import type { WriteOrigins } from "./write-origin.ts";

/** The run a request from a runner belongs to. */
export interface CallingRun {
  identity: Identity;
  /** Trigger cascade depth its writes carry. */
  depth: number;
}

export interface HostCallDeps {
  app: SandboxApp;
  origins: WriteOrigins;
  /** `functions.execute`: runs a function as a nested call of `caller`. */
  execute(caller: CallingRun, name: string, args: unknown[]): Promise<unknown>;
}

/**
 * Serves what function code asks of the backend: data source calls (with the run's
 * identity, so rules apply to user functions), `functions.execute`, and the names of
 * collections and databases.
 */
export async function serveHostCall(deps: HostCallDeps, run: CallingRun, op: RpcOp | string, payload: Record<string, unknown>): Promise<unknown> {
  switch (op) {
    case "mongo": {
      const { service, db, coll, method, args } = payload as { service: string; db: string; coll: string; method: string; args: unknown[] };
      const call = collectionMethod(method);
      return call(serviceOf(deps, run, service).db(db).collection(coll), Array.isArray(args) ? args : []);
    }
    case "execute": {
      const { name, args } = payload as { name: unknown; args: unknown };
      return deps.execute(run, String(name), Array.isArray(args) ? args : []);
    }
    case "collectionNames":
      return serviceOf(deps, run, payload.service as string).db(payload.db as string).getCollectionNames();
    case "dbNames": {
      const service = payload.service as string;
      serviceOf(deps, run, service);
      const names = deps.app.deployed.collections.filter((c) => c.service === service).map((c) => c.database);
      return [...new Set(names)].sort();
    }
  }
  throw new AppServicesError("ServiceCommandNotFound", `unknown runner request "${op}"`);
}

/** The data source as the run's identity sees it; its writes are tagged with the run's depth. */
function serviceOf(deps: HostCallDeps, run: CallingRun, name: string): MongoDBService {
  const env = { ...deps.app.services, store: deps.origins.storeAt(run.depth) };
  return new MongoDBService(env, run.identity.execContext, name);
}

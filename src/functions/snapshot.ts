import { stringifyEJSON } from "../bson/ejson.ts";
import type { SandboxApp } from "../app/app.ts";
import type { AppModel } from "../config/types.ts";
import { environmentOf, valuesOf } from "../app/policies.ts";
import type { ContextSnapshot } from "./runner/protocol.ts";

type StaticPart = Omit<ContextSnapshot, "user" | "runningAsSystem" | "request" | "now">;

const cache = new WeakMap<AppModel, StaticPart>();

/** `context.user` in functions that run without a calling user (triggers): the system user has no id. */
export const SYSTEM_USER_VIEW: Readonly<Record<string, unknown>> = Object.freeze({
  type: "system",
  data: {},
  custom_data: {},
  identities: [],
});

/** The parts of `context` that only change on deploy: values, environment, services, app. */
function staticPart(app: SandboxApp, model: AppModel): StaticPart {
  let part = cache.get(model);
  if (!part) {
    const config = model.realmConfig;
    const last = app.history[0];
    part = {
      values: valuesOf(model),
      environment: environmentOf(model),
      services: model.dataSources.map((source) => source.name),
      app: {
        id: app.appId,
        clientAppId: app.appId,
        name: model.name,
        projectId: "sandbox",
        deployment: { model: config.deployment_model ?? "GLOBAL", providerRegion: config.provider_region ?? config.location ?? "" },
        lastDeployed: last ? new Date(last.deployed_at * 1000).toISOString() : "",
        hostingUri: "",
      },
    };
    cache.set(model, part);
  }
  return part;
}

/** The EJSON text of `context` for one run. */
export function contextSnapshot(
  app: SandboxApp,
  user: object,
  runningAsSystem: boolean,
  request: Record<string, unknown> | undefined,
): string {
  const snapshot: ContextSnapshot = {
    ...staticPart(app, app.deployed),
    user: user as Record<string, unknown>,
    runningAsSystem,
    request,
    now: app.clock(),
  };
  return stringifyEJSON(snapshot);
}

/** Values and environment as rule expressions see them (`%%values`, `%%environment`). */
export function expressionEnvironment(app: SandboxApp): { values: Record<string, unknown>; environment: { tag: string; values: Record<string, unknown> } } {
  const part = staticPart(app, app.deployed);
  return { values: part.values, environment: part.environment };
}

import { effectiveRules } from "../rules/roles/index.ts";
import type { AppLog } from "../log/app-log.ts";
import { createRulePolicy, type RulePolicyOptions } from "../services/mongodb-atlas/rule-policy.ts";
import type { PolicyFactory, PolicyRequest } from "./catalog.ts";
import type { AppModel } from "../config/types.ts";
import { explainDenials } from "./denial-log.ts";
import type { FunctionHost } from "./function-host.ts";

/** `%%values` and `context.values`, by value name; a value linked to a secret reads the secret (sandbox/secrets.json), or undefined when unset. */
export function valuesOf(model: AppModel): Record<string, unknown> {
  const secrets = model.endpoints?.secrets ?? {};
  return Object.fromEntries(model.values.map((value) => [value.name, value.from_secret ? secrets[String(value.value)] : value.value]));
}

/** `%%environment` and `context.environment`: the tag, and the values of that environment (`no-environment` when unset). */
export function environmentOf(model: AppModel): { tag: string; values: Record<string, unknown> } {
  return { tag: model.environment, values: model.environments[model.environment || "no-environment"]?.values ?? {} };
}

/**
 * The rules of the deployed app, enforced on every user request. A namespace in the
 * synced database follows the Sync permissions instead of its roles, as on a synced cluster.
 * Without a `database_name` (older partition Sync configs), every collection of the
 * cluster that has a schema is synced, as Realm synced exactly those.
 */
export function rulePolicies(functions: () => FunctionHost | undefined, log: AppLog): PolicyFactory {
  return (request) => {
    const options = rulePolicyOptions(request, functions);
    return explainDenials(createRulePolicy(options), request.namespace, request.context, log, (trace) => createRulePolicy({ ...options, trace }));
  };
}

/** What the policy of one namespace and caller is built from; the console's "why" view builds a traced one from the same. */
export function rulePolicyOptions({ model, service, namespace, collection, context }: PolicyRequest, functions: () => FunctionHost | undefined): RulePolicyOptions {
  const sync = model.sync;
  const synced =
    sync?.state === "enabled" &&
    (sync.database_name === undefined ? collection?.schema !== undefined : sync.database_name === namespace.slice(0, namespace.indexOf("."))) &&
    (!sync.service_name || sync.service_name === service);
  return {
    rules: effectiveRules(collection?.rules, model.defaultRules[service]),
    namespace,
    context,
    values: valuesOf(model),
    environment: environmentOf(model),
    callFunction: (name, args) => {
      const host = functions();
      if (!host) throw new Error(`function not found: '${name}'`);
      return host.call(name, args, context);
    },
    sync: synced ? sync : undefined,
    // Explain's requests record every filter and document decision; others record nothing.
    trace: context.trace?.rulesFor(namespace),
  };
}

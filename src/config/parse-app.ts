import { AppServicesError } from "../core/app-services-error.ts";
import { ParseContext } from "./context.ts";
import { parseAuth } from "./parse-auth.ts";
import { parseDataSources } from "./parse-data-sources.ts";
import { parseEndpoints } from "./parse-endpoints.ts";
import { parseFunctions } from "./parse-functions.ts";
import { parseGraphql } from "./parse-graphql.ts";
import { parseRealmConfig } from "./parse-realm-config.ts";
import { parseSync } from "./parse-sync.ts";
import { parseTriggers } from "./parse-triggers.ts";
import { parseEnvironments, parseValues } from "./parse-values-environments.ts";
import { mergeIndexes, parseDeclaredIndexes } from "./sandbox-indexes.ts";
import type { AppFiles, AppModel, ConfigProblem, ImportNote, ParseHooks } from "./types.ts";

export interface ParseResult {
  /** Best effort when there are problems: bad entries are left out. */
  model: AppModel;
  /** Sorted by path; empty when the app is valid. */
  problems: ConfigProblem[];
  /** What was read leniently or is kept without being run, in the order found. */
  notes: ImportNote[];
}

/** Parses every area and cross-checks references, collecting all problems. */
export function checkApp(files: AppFiles, hooks?: ParseHooks): ParseResult {
  const ctx = new ParseContext(files, hooks);
  const root = parseRealmConfig(ctx);
  const { dataSources, collections, defaultRules } = parseDataSources(ctx);
  const { functions, listed: functionNames } = parseFunctions(ctx);
  const auth = parseAuth(ctx, { functions: functionNames, dataSources, collections });
  const triggers = parseTriggers(ctx, { functions: functionNames, dataSources });
  const graphql = parseGraphql(ctx, functionNames);
  const values = parseValues(ctx);
  const environments = parseEnvironments(ctx);
  const sync = parseSync(ctx, dataSources);
  const indexes = mergeIndexes(parseDeclaredIndexes(ctx), collections, sync);

  const model: AppModel = {
    name: root.name,
    configVersion: 20210101,
    environment: root.environment,
    realmConfig: root.realmConfig,
    dataSources,
    collections,
    defaultRules,
    auth,
    functions,
    triggers,
    graphql,
    values,
    environments,
    sync,
    endpoints: parseEndpoints(ctx, functionNames),
    sandbox: { indexes },
  };
  if (root.appId !== undefined) model.appId = root.appId;
  const problems = ctx.problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.path < b.p.path ? -1 : a.p.path > b.p.path ? 1 : a.i - b.i))
    .map(({ p }) => p);
  return { model, problems, notes: ctx.notes };
}

/**
 * The typed model of a 20210101 app directory. Throws one InvalidConfig error listing every
 * problem as "<path>: <problem>" lines, with `details.problems` holding them structured.
 */
export function parseApp(files: AppFiles, hooks?: ParseHooks): AppModel {
  const { model, problems } = checkApp(files, hooks);
  if (problems.length > 0) throw configError(problems);
  return model;
}

export function configError(problems: ConfigProblem[]): AppServicesError {
  const message = problems.map((p) => `${p.path}: ${p.message}`).join("\n");
  return new AppServicesError("InvalidConfig", message, { problems });
}

/**
 * Runs a GraphQL operation from the playground as the console's Run-as identity: a user
 * through the client API with a real session of theirs (exactly what their client would
 * get), the system through the console's API (rules bypassed).
 */
import type { ConsoleStore, RunAs } from "../state/console-store.ts";
import { runAsSystem, runAsUser, type GraphQLRun, type GraphQLRunResult } from "../state/graphql-api.ts";

export interface GraphqlAnswer extends GraphQLRunResult {
  /** Who it ran as, and what was sent (Explain of a null asks about this run). */
  runAs: RunAs;
  request: GraphQLRun;
}

export async function runGraphql(store: ConsoleStore, run: GraphQLRun): Promise<GraphqlAnswer> {
  const { appId, runAs } = store.state;
  const result = runAs.kind === "system" ? await runAsSystem(store.api, appId, run) : await runAsUser(store, appId, run);
  return { ...result, runAs, request: run };
}

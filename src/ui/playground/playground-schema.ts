import type { ReactiveControllerHost } from "lit";
import { buildClientSchema, type GraphQLSchema } from "graphql";

import type { ConsoleState } from "../state/console-store.ts";
import type { ConsoleApi } from "../state/console-api.ts";
import { fetchSchema, type SchemaSource } from "../state/graphql-api.ts";

/**
 * The schema the playground's editor and docs follow: the deployed app's or the draft's,
 * read again when a deploy (or, for the draft, a change to it) shows in the console's
 * state, so it follows without a reload. Its host re-renders when it changes.
 */
export class PlaygroundSchema {
  schema: GraphQLSchema | undefined;
  source: SchemaSource = "deployed";
  /** Why there is no schema, said where the playground shows it. */
  problem: string | undefined;
  /** Parts of the app left out of the API (names GraphQL cannot take). */
  warnings: string[] = [];
  private key: string | undefined;
  private request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => ConsoleApi,
  ) {}

  /** Called before each render with the console's state: reads the schema when its version changed. */
  follow(state: ConsoleState): void {
    const overview = state.overview;
    if (!overview || overview.appId !== state.appId) return;
    const version = this.source === "deployed" ? (overview.deployment?.id ?? "none") : `${overview.deployment?.id}|${JSON.stringify(overview.draft.diff)}`;
    const key = `${state.appId}|${this.source}|${version}`;
    if (key === this.key) return;
    this.key = key;
    void this.load(state.appId, this.source);
  }

  choose(source: SchemaSource): void {
    this.source = source;
    this.host.requestUpdate();
  }

  /** Another app: nothing of the last one's schema is kept. */
  reset(): void {
    this.schema = undefined;
    this.problem = undefined;
    this.warnings = [];
    this.key = undefined;
  }

  private async load(appId: string, source: SchemaSource): Promise<void> {
    const request = ++this.request;
    try {
      const answer = await fetchSchema(this.api(), appId, source);
      if (request !== this.request) return;
      this.warnings = answer.warnings;
      if (answer.errors.length || !answer.introspection) {
        this.schema = undefined;
        this.problem = `The ${source} schema cannot be generated: ${answer.errors.join("; ") || "the app has no collection with a schema"}. Fix it on the Schema or Rules screen of the collection named.`;
      } else {
        this.schema = buildClientSchema(answer.introspection);
        this.problem = undefined;
      }
    } catch (error) {
      if (request !== this.request) return;
      this.schema = undefined;
      this.problem = `The ${source} schema could not be read: ${(error as Error).message}. Completion and checks are off; you can still run queries.`;
    }
    this.host.requestUpdate();
  }
}

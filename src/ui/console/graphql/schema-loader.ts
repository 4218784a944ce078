import type { ReactiveController, ReactiveControllerHost } from "lit";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

import type { AppOverview } from "../../state/console-api.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { fetchSchema } from "../../state/graphql-api.ts";

export type SchemaSource = "deployed" | "draft";

export type SchemaInfo = Awaited<ReturnType<typeof fetchSchema>>;

export interface LoadedSchema {
  info: SchemaInfo;
  /** Undefined when the introspection could not be read back into a schema. */
  schema: GraphQLSchema | undefined;
}

/**
 * The generated GraphQL schema of the deployed app or of its draft, for a screen: read
 * when the app, its overview (a save or a deploy anywhere) or the source changes, so the
 * screen follows deploys without a reload.
 */
export class SchemaLoader implements ReactiveController {
  loaded: LoadedSchema | undefined;
  error: string | undefined;
  loading = false;
  private loadedFor: { appId: string; overview: AppOverview | undefined; source: SchemaSource } | undefined;
  private unsubscribe: (() => void) | undefined;
  private request = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => ConsoleStore | undefined,
    private readonly source: () => SchemaSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.store()?.subscribe(() => this.sync());
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  hostUpdate(): void {
    this.sync();
  }

  private sync(): void {
    const s = this.store()?.state;
    if (!s) return;
    const source = this.source();
    const last = this.loadedFor;
    if (last && last.appId === s.appId && last.overview === s.overview && last.source === source) return;
    if (last && (last.appId !== s.appId || last.source !== source)) this.loaded = undefined;
    this.loadedFor = { appId: s.appId, overview: s.overview, source };
    // Not inside the host's update: the load changes what the host shows.
    queueMicrotask(() => void this.load(s.appId, source));
  }

  private async load(appId: string, source: SchemaSource): Promise<void> {
    const store = this.store();
    if (!store) return;
    const request = ++this.request;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const info = await fetchSchema(store.api, appId, source);
      if (request !== this.request) return;
      let schema: GraphQLSchema | undefined;
      try {
        schema = info.introspection ? buildClientSchema(info.introspection as IntrospectionQuery) : undefined;
      } catch {
        schema = undefined;
      }
      this.loaded = { info, schema };
      this.error = undefined;
    } catch (error) {
      if (request !== this.request) return;
      this.loaded = undefined;
      this.error = (error as Error).message;
    } finally {
      if (request === this.request) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}

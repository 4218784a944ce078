import { consume } from "@lit/context";
import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../tokens.ts";
import "../editors/rs-graphql-editor.ts";
import type { RsGraphqlEditor } from "../editors/rs-graphql-editor.ts";
import { storeContext, StateController } from "../state/context.ts";
import type { ConsoleStore, RunAs } from "../state/console-store.ts";
import { explainGraphQL, type GraphQLRun, type SchemaSource } from "../state/graphql-api.ts";
import { PlaygroundTabs, type PlaygroundTab } from "../state/playground-tabs.ts";
import { QueryHistory, type HistoryEntry } from "../state/query-history.ts";
import { readShare, type Share } from "../state/share-link.ts";
import { sandboxGraphqlUrl, type CopyRequest } from "../state/copy-as.ts";
import { describeDocument, operationAt, prettify, type DocumentInfo } from "./graphql-document.ts";
import { parseHeaders, parseVariables } from "./request-inputs.ts";
import { runGraphql, type GraphqlAnswer } from "./run-query.ts";
import { PlaygroundSchema } from "./playground-schema.ts";
import "./rs-graphql-result.ts";
import "./rs-playground-inputs.ts";
import type { InputsPanel } from "./rs-playground-inputs.ts";
import "./rs-docs-explorer.ts";
import "./rs-playground-tabs.ts";
import "./rs-query-history.ts";
import "./rs-copy-as-menu.ts";
import "./rs-share-button.ts";
import "./rs-explain-panel.ts";
import type { ExplainState } from "./rs-explain-panel.ts";

/** The run keys as this platform writes them. */
const RUN_KEYS = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? "⌘+Enter" : "Ctrl+Enter";

type SidePanel = "result" | "explain" | "docs" | "history";

const SIDE_LABELS: Record<SidePanel, string> = { result: "Result", explain: "Explain", docs: "Docs", history: "History" };

/**
 * The GraphQL playground: a query editor that knows the app's generated schema, its
 * variables and headers, Run (button or Ctrl/Cmd+Enter) as the console's Run-as identity
 * with a real session, and the answer beside it. Works at `#/playground` and embedded
 * (the GraphQL screen's Explore tab, with `embedded`), filling the height it is given.
 */
@customElement("rs-playground")
export class RsPlayground extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  /** Set by the shell when shown as a route. */
  @property({ attribute: false }) params: Record<string, string> = {};
  /** Inside another screen: no heading of its own, and shared links are left to the route. */
  @property({ type: Boolean, reflect: true }) embedded = false;
  private readonly state = new StateController(this, () => this.store);

  private readonly schema = new PlaygroundSchema(this, () => this.store.api);
  /** Each tab's last answer (or why it could not run), while the page stays open. */
  @state() private results = new Map<string, { answer?: GraphqlAnswer; failure?: string }>();
  @state() private running = false;
  @state() private side: SidePanel = "result";
  @state() private inputsPanel: InputsPanel = "variables";
  @state() private variablesError: string | undefined;
  @state() private headersError: string | undefined;
  @state() private notice: string | undefined;
  @state() private explainOf: { tabId: string; state: ExplainState } | undefined;
  /** The request a confirmed Explain of a mutation sends. */
  private pendingExplain: { run: GraphQLRun; runAs: RunAs } | undefined;
  /** A shared link (or a past run) used another Run-as identity: offered, never switched silently. */
  @state() private suggestedRunAs: { runAs: RunAs; from: "link" | "history" } | undefined;
  /** The Run-as user's access token, for "Copy as…" when asked to include it. */
  @state() private token: string | undefined;
  private tokenKey: string | undefined;
  @query("rs-graphql-editor") private editor!: RsGraphqlEditor;

  private tabs: PlaygroundTabs | undefined;
  private history: QueryHistory | undefined;
  private boundAppId: string | undefined;
  private shownTabId: string | undefined;
  private unsubscribe: (() => void)[] = [];
  private documentCache: { text: string; info: DocumentInfo } | undefined;
  private readonly onHashChange = () => this.openSharedLink();
  /** A change of width (the window, a panel beside the screen) can change what sits above, e.g. the top bar's rows. */
  private readonly resized = new ResizeObserver(() => this.measureTop());

  static override styles = [
    controls,
    css`
      :host { display: block; min-width: 0; }
      /* A container, so the layout follows the room the screen gives (a tutorial panel beside it takes some). */
      .room { container-type: inline-size; }
      /* From where it starts on the page to the bottom of the window (--rs-playground-top is measured). */
      .frame { display: flex; flex-direction: column; gap: var(--rs-space-2); height: var(--rs-playground-height, calc(100vh - var(--rs-playground-top, 6rem) - 1.5rem)); min-height: 30rem; }
      h1 { font-size: var(--rs-text-xl); margin: 0; }
      .toolbar { display: flex; flex-wrap: wrap; gap: var(--rs-space-2); align-items: center; }
      .toolbar label { display: inline-flex; gap: var(--rs-space-1); align-items: center; font-size: var(--rs-text-sm); }
      .spacer { flex: 1; }
      .who { margin: 0; font-size: var(--rs-text-sm); }
      .who.system { border-left: 4px solid var(--rs-warning); background: var(--rs-warning-subtle); padding: var(--rs-space-1) var(--rs-space-2); border-radius: 0 var(--rs-radius) var(--rs-radius) 0; }
      .notice { margin: 0; font-size: var(--rs-text-sm); }
      .panes { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 9fr); gap: var(--rs-space-3); }
      .left, .right { display: flex; flex-direction: column; gap: var(--rs-space-2); min-height: 0; }
      rs-graphql-editor { flex: 3; min-height: 10rem; }
      rs-playground-inputs { flex: 1; min-height: 9rem; }
      .side-switch { display: flex; gap: var(--rs-space-1); }
      .side-switch button[aria-pressed="true"] { background: var(--rs-accent-subtle); border-color: var(--rs-accent); }
      .side-body { flex: 1; min-height: 0; overflow: auto; display: flex; flex-direction: column; }
      rs-graphql-result { flex: 1; }
      .kbd { color: inherit; font-weight: 400; }
      .tip { margin: 0 0 var(--rs-space-2); font-size: var(--rs-text-sm); }
      /* Narrow (e.g. beside the tutorial panel): the answer goes below the query, and the page scrolls. Last, to win over the rules above. */
      @container (max-width: 46rem) {
        .frame { height: auto; }
        .panes { grid-template-columns: minmax(0, 1fr); }
        .left { height: 30rem; }
        .right { min-height: 24rem; }
      }
    `,
  ];

  private readonly measureTop = (): void => {
    const top = `${Math.max(0, Math.round(this.getBoundingClientRect().top + scrollY))}px`;
    if (this.style.getPropertyValue("--rs-playground-top") !== top) this.style.setProperty("--rs-playground-top", top);
  };

  private get answer(): GraphqlAnswer | undefined {
    return this.tabs ? this.results.get(this.tabs.activeId)?.answer : undefined;
  }

  private get failure(): string | undefined {
    return this.tabs ? this.results.get(this.tabs.activeId)?.failure : undefined;
  }

  private setResult(tabId: string, result: { answer?: GraphqlAnswer; failure?: string }): void {
    this.results = new Map(this.results).set(tabId, result);
  }

  /** The Explain of the active tab. */
  private get explain(): ExplainState | undefined {
    return this.explainOf && this.explainOf.tabId === this.tabs?.activeId ? this.explainOf.state : undefined;
  }

  private set explain(state: ExplainState | undefined) {
    this.explainOf = state && this.tabs ? { tabId: this.tabs.activeId, state } : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("resize", this.measureTop);
    this.resized.observe(this);
    addEventListener("hashchange", this.onHashChange);
    // Shown again by the shell for a link followed while another screen was open.
    this.openSharedLink();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.onHashChange);
    removeEventListener("resize", this.measureTop);
    this.resized.disconnect();
  }

  override willUpdate(_changed: PropertyValues<this>): void {
    const s = this.store?.state;
    if (!s) return;
    if (s.appId !== this.boundAppId) this.bind(s.appId);
    const tokenKey = s.runAs.kind === "user" ? `${s.appId}|${s.runAs.userId}` : "system";
    if (tokenKey !== this.tokenKey) {
      this.tokenKey = tokenKey;
      this.token = undefined;
      if (s.runAs.kind === "user") {
        this.store.accessToken().then(
          (token) => tokenKey === this.tokenKey && (this.token = token),
          () => undefined, // A run says why the session failed; Copy as… keeps its placeholder.
        );
      }
    }
    this.schema.follow(s);
    // A problem with one tab's variables or headers is not the next tab's.
    if (this.tabs && this.tabs.activeId !== this.shownTabId) {
      this.shownTabId = this.tabs.activeId;
      this.variablesError = undefined;
      this.headersError = undefined;
    }
  }

  override render() {
    const tabs = this.tabs;
    if (!tabs) return html`<p class="muted">Loading…</p>`;
    const tab = tabs.active;
    const info = this.describe(tab.query);
    const chosen = this.chosenOperation(tab, info);
    return html`<div class="room"><div class="frame">
      ${this.embedded ? nothing : html`<h1>GraphQL Playground</h1>`}
      <rs-playground-tabs
        .tabs=${tabs.tabs}
        .activeId=${tabs.activeId}
        @tab-select=${(e: CustomEvent<{ id: string }>) => tabs.select(e.detail.id)}
        @tab-close=${(e: CustomEvent<{ id: string }>) => tabs.close(e.detail.id)}
        @tab-add=${() => tabs.add()}
        @tab-rename=${(e: CustomEvent<{ id: string; title?: string }>) => tabs.rename(e.detail.id, e.detail.title ?? "")}
      ></rs-playground-tabs>
      ${tabs.error ? html`<p class="notice warning" role="status">${tabs.error}</p>` : nothing}
      <div class="toolbar" role="group" aria-label="Query actions">
        <button class="primary" ?disabled=${this.running} @click=${() => void this.run(false)}>
          ${this.running ? "Running…" : chosen ? `Run ${chosen}` : "Run"} <span class="kbd">(${RUN_KEYS})</span>
        </button>
        ${info.operations.length > 1
          ? html`<label>Operation
              <select aria-label="Operation to run" @change=${(e: Event) => tabs.update(tab.id, { operationName: (e.target as HTMLSelectElement).value })}>
                ${info.operations.map((op) => html`<option value=${op.name ?? ""} ?selected=${(op.name ?? "") === chosen}>${op.name ?? "(unnamed)"} · ${op.kind}</option>`)}
              </select>
            </label>`
          : nothing}
        <button ?disabled=${this.explain?.running} @click=${() => void this.explainOperation()}>Explain</button>
        <button @click=${this.prettifyQuery} title="Shift+Ctrl+P">Prettify</button>
        <rs-copy-as-menu .request=${this.copyRequest(tab, chosen)}></rs-copy-as-menu>
        <rs-share-button .share=${this.share(tab, chosen)}></rs-share-button>
        <span class="spacer"></span>
        <label>Schema
          <select aria-label="Schema for completion and checks" @change=${this.sourceChanged}>
            <option value="deployed" ?selected=${this.schema.source === "deployed"}>Deployed</option>
            <option value="draft" ?selected=${this.schema.source === "draft"}>Draft</option>
          </select>
        </label>
      </div>
      ${this.renderWho()}
      ${this.renderSuggestedRunAs()}
      ${this.schema.problem ? html`<p class="notice error" role="alert">${this.schema.problem}</p>` : nothing}
      ${this.schema.source === "draft" && !this.schema.problem
        ? html`<p class="notice" role="status">Completion and checks follow the draft. Runs still go to the deployed app until you <a href="#/deploy">deploy</a>.</p>`
        : nothing}
      ${this.notice ? html`<p class="notice warning" role="status">${this.notice}</p>` : nothing}
      ${this.schema.warnings.length && !this.schema.problem
        ? html`<p class="notice" role="status">
            ${this.schema.warnings.length === 1 ? "One part" : `${this.schema.warnings.length} parts`} of the app could not get a GraphQL name and
            ${this.schema.warnings.length === 1 ? "is" : "are"} left out of the API. <a href="#/graphql/schema">See why on the Schema tab</a>.
          </p>`
        : nothing}
      <div class="panes">
        <div class="left">
          <rs-graphql-editor
            label="Query"
            .documentKey=${tab.id}
            .value=${tab.query}
            .schema=${this.schema.schema}
            @value-changed=${(e: CustomEvent<string>) => tabs.update(tab.id, { query: e.detail })}
            @run-request=${() => void this.run(true)}
            @prettify-request=${this.prettifyQuery}
            @show-in-docs=${this.showInDocs}
          ></rs-graphql-editor>
          <rs-playground-inputs
            @keydown=${this.runKeyInInputs}
            .tabId=${tab.id}
            .asSystem=${this.store.state.runAs.kind === "system"}
            .variables=${tab.variables}
            .headers=${tab.headers}
            .variablesError=${this.variablesError}
            .headersError=${this.headersError}
            .panel=${this.inputsPanel}
            @variables-changed=${(e: CustomEvent<string>) => this.inputChanged(tab, "variables", e.detail)}
            @headers-changed=${(e: CustomEvent<string>) => this.inputChanged(tab, "headers", e.detail)}
            @panel-changed=${(e: CustomEvent<InputsPanel>) => (this.inputsPanel = e.detail)}
          ></rs-playground-inputs>
        </div>
        <div class="right">
          <div class="side-switch" role="group" aria-label="Side panel">
            ${(Object.keys(SIDE_LABELS) as SidePanel[]).map((panel) => this.sideButton(panel))}
          </div>
          <!-- Focusable, so the keyboard can scroll a long answer or report. -->
          <div class="side-body" role="region" tabindex="0" aria-label=${SIDE_LABELS[this.side]}>${this.renderSide()}</div>
        </div>
      </div>
    </div></div>`;
  }

  private renderWho() {
    const runAs = this.store.state.runAs;
    if (runAs.kind === "user") {
      return html`<p class="who">Runs as <strong>${runAs.email}</strong> with a session of theirs: the collection rules decide what comes back, as they would for their app.</p>`;
    }
    return html`<p class="who system" role="note">
      Runs as <strong>the system</strong>: rules are bypassed, so every document and field comes back. Choose a user under Run as (at the top) to see what a client of theirs gets.
    </p>`;
  }

  private renderSuggestedRunAs() {
    const suggested = this.suggestedRunAs;
    if (!suggested) return nothing;
    const name = suggested.runAs.kind === "user" ? suggested.runAs.email : "the system";
    return html`<p class="notice warning" role="status">
      ${suggested.from === "link" ? "This shared query was run as" : "This past run was made as"} <strong>${name}</strong>. Nothing has run yet.
      <button @click=${() => this.adoptRunAs(suggested.runAs)}>Run as ${name}</button>
      <button @click=${() => (this.suggestedRunAs = undefined)}>Keep the current Run as</button>
    </p>`;
  }

  private copyRequest(tab: PlaygroundTab, operationName: string | undefined): CopyRequest {
    const variables = parseVariables(tab.variables).value;
    return { url: sandboxGraphqlUrl(document.baseURI, this.store.state.appId), token: this.token, query: tab.query, variables, operationName };
  }

  private share(tab: PlaygroundTab, operationName: string | undefined): Share {
    return { query: tab.query, variables: tab.variables, headers: tab.headers, operationName, runAs: this.store.state.runAs };
  }

  private sideButton(panel: SidePanel) {
    const label = SIDE_LABELS[panel];
    return html`<button aria-label=${`${label} panel`} aria-pressed=${String(this.side === panel)} @click=${() => (this.side = panel)}>${label}</button>`;
  }

  private renderSide() {
    switch (this.side) {
      case "docs":
        return this.schema.schema
          ? html`<p class="muted tip">${RUN_KEYS.startsWith("⌘") ? "⌘" : "Ctrl"}+click a name in the query to open it here.</p>
              <rs-docs-explorer .schema=${this.schema.schema}></rs-docs-explorer>`
          : html`<p class="muted">${this.schema.problem ? "No schema to show." : "Loading the schema…"}</p>`;
      case "explain":
        return html`<rs-explain-panel
          .explain=${this.explain}
          @explain-confirm=${() => void this.sendExplain()}
          @explain-cancel=${() => (this.explain = undefined)}
        ></rs-explain-panel>`;
      case "history":
        return html`<rs-query-history
          .entries=${this.history?.entries ?? []}
          @history-open=${(e: CustomEvent<HistoryEntry>) => this.openFromHistory(e.detail)}
          @history-clear=${() => this.history?.clear()}
        ></rs-query-history>`;
      default:
        return html`<rs-graphql-result
          .answer=${this.answer}
          .failure=${this.failure}
          .running=${this.running}
          canExplain
          @why-request=${(e: CustomEvent<{ path: (string | number)[] }>) => void this.explainOperation(e.detail.path)}
          @reveal-location=${(e: CustomEvent<{ line: number; column: number }>) => this.editor?.moveTo(e.detail.line, e.detail.column)}
        ></rs-graphql-result>`;
    }
  }

  /** Opens the tabs and history of an app (on first show and when the app changes). */
  private bind(appId: string): void {
    for (const stop of this.unsubscribe) stop();
    this.tabs?.dispose();
    this.boundAppId = appId;
    this.tabs = new PlaygroundTabs(localStorage, appId);
    this.history = new QueryHistory(localStorage, appId);
    this.unsubscribe = [this.tabs.subscribe(() => this.requestUpdate()), this.history.subscribe(() => this.requestUpdate())];
    this.results = new Map();
    this.explainOf = undefined;
    this.schema.reset();
    this.openSharedLink();
  }

  /** A shared link (`#/playground?share=…`) opens as a new tab; nothing runs. */
  private openSharedLink(): void {
    if (this.embedded || !this.tabs || !location.hash.startsWith("#/playground?")) return;
    const share = readShare(location.hash);
    history.replaceState(null, "", "#/playground");
    if (!share) {
      this.notice = "The shared link could not be read (it may have been cut short or edited), so nothing was opened.";
      return;
    }
    this.tabs.add({ query: share.query, variables: share.variables ?? "", headers: share.headers ?? "", operationName: share.operationName });
    this.suggestRunAs(share.runAs, "link");
    this.notice = undefined;
    this.side = "result";
  }

  /** Offers the identity a query was run as when it is not the current one. */
  private suggestRunAs(runAs: RunAs | undefined, from: "link" | "history"): void {
    const current = this.store.state.runAs;
    const same = runAs && (runAs.kind === "system" ? current.kind === "system" : current.kind === "user" && current.userId === runAs.userId);
    this.suggestedRunAs = runAs && !same ? { runAs, from } : undefined;
  }

  private adoptRunAs(runAs: RunAs): void {
    this.store.setRunAs(runAs);
    this.suggestedRunAs = undefined;
  }

  private openFromHistory(entry: HistoryEntry): void {
    this.tabs?.add({ query: entry.query, variables: entry.variables, operationName: entry.operationName });
    this.suggestRunAs(entry.runAs, "history");
    this.side = "result";
  }

  private describe(text: string): DocumentInfo {
    if (this.documentCache?.text !== text) this.documentCache = { text, info: describeDocument(text) };
    return this.documentCache.info;
  }

  /** The operation Run sends: the tab's choice while it exists, else the first. */
  private chosenOperation(tab: PlaygroundTab, info: DocumentInfo): string | undefined {
    if (info.operations.length < 2) return info.operations[0]?.name;
    const names = info.operations.map((op) => op.name);
    return tab.operationName && names.includes(tab.operationName) ? tab.operationName : names[0];
  }

  private inputChanged(tab: PlaygroundTab, which: "variables" | "headers", text: string): void {
    this.tabs?.update(tab.id, { [which]: text });
    // A problem goes once the text is fixed; a new one shows at the next run.
    if (which === "variables" && this.variablesError && !parseVariables(text).error) this.variablesError = undefined;
    if (which === "headers" && this.headersError && !parseHeaders(text).error) this.headersError = undefined;
  }

  /** Sends the chosen operation (with the keyboard: the one the cursor is in). */
  private async run(fromCursor: boolean): Promise<void> {
    const tabs = this.tabs;
    if (!tabs || this.running) return;
    const tab = tabs.active;
    const info = this.describe(tab.query);
    let operationName = this.chosenOperation(tab, info);
    if (fromCursor && info.operations.length > 1) {
      operationName = operationAt(info.operations, this.editor?.cursor() ?? 0)?.name;
      if (operationName !== tab.operationName) tabs.update(tab.id, { operationName });
    }
    const variables = parseVariables(tab.variables);
    const headers = parseHeaders(tab.headers);
    this.variablesError = variables.error;
    this.headersError = headers.error;
    if (variables.error || headers.error) {
      this.inputsPanel = variables.error ? "variables" : "headers";
      return;
    }
    this.side = "result";
    this.running = true;
    this.setResult(tab.id, {});
    this.notice = undefined;
    const runAs = this.store.state.runAs;
    try {
      const answer = await runGraphql(this.store, { query: tab.query, variables: variables.value, headers: headers.value, operationName });
      this.setResult(tab.id, { answer });
      const ok = answer.status < 400 && !answer.body.error && !answer.body.errors?.length;
      this.history?.record({ query: tab.query, variables: tab.variables, operationName, runAs, ok, ms: answer.ms });
    } catch (error) {
      const who = runAs.kind === "user" ? runAs.email : "the system";
      this.setResult(tab.id, { failure: `The query could not be sent as ${who}: ${(error as Error).message}. If this user was removed, choose another one under Run as.` });
    } finally {
      this.running = false;
    }
    void this.showSidePanel();
  }

  /** Ctrl/Cmd+Enter runs from the variables and headers too (heard before their editors add a line). */
  private readonly runKeyInInputs = {
    capture: true,
    handleEvent: (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      event.stopPropagation();
      void this.run(false);
    },
  };

  /** Stacked below the query (narrow room), the answer may be out of sight: bring it in. */
  private async showSidePanel(): Promise<void> {
    await this.updateComplete;
    const right = this.renderRoot.querySelector<HTMLElement>(".right");
    if (!right || right.offsetLeft > this.renderRoot.querySelector<HTMLElement>(".left")!.offsetLeft) return;
    const box = right.getBoundingClientRect();
    if (box.top > innerHeight - 80 || box.bottom < 0) right.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  /**
   * Explain of the chosen operation as the Run-as identity (opened from a null's Why?, the
   * question is kept). A mutation waits for a confirmation, as it writes again.
   */
  private async explainOperation(askedAbout?: (string | number)[]): Promise<void> {
    const tabs = this.tabs;
    if (!tabs) return;
    const tab = tabs.active;
    let run: GraphQLRun;
    let runAs = this.store.state.runAs;
    if (askedAbout && this.answer) {
      // The question is about the answer shown: explain that very run, as whom it ran.
      ({ request: run, runAs } = this.answer);
      run = { query: run.query, variables: run.variables, operationName: run.operationName };
    } else {
      const variables = parseVariables(tab.variables);
      if (variables.error) {
        this.variablesError = variables.error;
        this.inputsPanel = "variables";
        return;
      }
      run = { query: tab.query, variables: variables.value, operationName: this.chosenOperation(tab, this.describe(tab.query)) };
    }
    const operations = describeDocument(run.query).operations;
    const kind = (operations.find((op) => op.name === run.operationName) ?? operations[0])?.kind;
    this.pendingExplain = { run, runAs };
    this.explain = { operationName: run.operationName, who: runAs.kind === "user" ? runAs.email : "the system", askedAbout, confirmMutation: kind === "mutation" };
    this.side = "explain";
    void this.showSidePanel();
    if (kind !== "mutation") await this.sendExplain();
  }

  private async sendExplain(): Promise<void> {
    const pending = this.pendingExplain;
    const asked = this.explainOf;
    if (!pending || !asked) return;
    const { run, runAs } = pending;
    // Kept with the tab it was asked in, even if another tab is open when it answers.
    const show = (state: Partial<ExplainState>) => (this.explainOf = { tabId: asked.tabId, state: { ...asked.state, confirmMutation: false, ...state } });
    show({ running: true });
    try {
      const answer = await explainGraphQL(this.store.api, this.store.state.appId, run, runAs.kind === "user" ? { userId: runAs.userId } : "system");
      show({ answer });
    } catch (error) {
      show({ failure: `Explain could not run: ${(error as Error).message}` });
    }
  }

  private prettifyQuery = (): void => {
    const tabs = this.tabs;
    if (!tabs) return;
    const tab = tabs.active;
    try {
      const result = prettify(tab.query);
      tabs.update(tab.id, { query: result.text });
      this.notice = result.droppedComments ? "Prettify could not place the comments of this query, so it left them out. Undo (Ctrl+Z) brings them back." : undefined;
    } catch (error) {
      this.notice = `Prettify needs a query that parses: ${(error as Error).message}`;
    }
  };

  private showInDocs = async (event: CustomEvent<{ type?: string; field?: string }>): Promise<void> => {
    this.side = "docs";
    await this.updateComplete;
    this.renderRoot.querySelector("rs-docs-explorer")?.show(event.detail.type, event.detail.field);
  };

  private sourceChanged = (event: Event): void => {
    this.schema.choose((event.target as HTMLSelectElement).value as SchemaSource);
  };

}

declare global {
  interface HTMLElementTagNameMap {
    "rs-playground": RsPlayground;
  }
}

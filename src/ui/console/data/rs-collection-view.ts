import { consume } from "@lit/context";
import { LitElement, css, html, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { ConsoleApiError } from "../../state/console-api.ts";
import type { ConsoleStore, RunAs } from "../../state/console-store.ts";
import { storeContext, StateController } from "../../state/context.ts";
import { DataApi, type EjsonDocument, type ExplainAction, type FindRequest, type SchemaIssue } from "../../state/data-api.ts";
import { idKey, idText, toRelaxed } from "../../components/ejson-values.ts";
import type { RsWhyDialog } from "../../components/rs-why-dialog.ts";
import "../../components/rs-why-dialog.ts";
import { compareWithSystem, nameOf, type Comparison } from "./compare.ts";
import { newDocumentText } from "./document-template.ts";
import { DraftStore, draftKey, type DocumentDraft } from "./drafts.ts";
import { EMPTY_QUERY, hashWithQuery, loadTyped, parseQuery, queryFromHash, saveTyped, type QueryProblem, type QueryTexts } from "./query-state.ts";
import type { DocumentView } from "./rs-document-card.ts";
import type { SaveError } from "./rs-document-editor.ts";
import "./rs-document-card.ts";
import "./rs-document-editor.ts";
import "./rs-query-bar.ts";

const VIEW_KEY = "realm-sandbox:data-view";

interface Results {
  runAs: RunAs;
  documents: EjsonDocument[];
  total: number;
  skip: number;
  issues: Map<string, SchemaIssue[]>;
  comparison?: Comparison;
}

/**
 * One collection's documents as the Run-as identity gets them: the query bar, a page of
 * documents with their schema problems, what the system gets that the user does not
 * (with the Why view), and inserting, editing and deleting as that identity.
 * Fires `data-changed` after a write, so the counts beside it refresh.
 */
@customElement("rs-collection-view")
export class RsCollectionView extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  private readonly state = new StateController(this, () => this.store);
  @property() database = "";
  @property() collection = "";
  /** Whether the app configures a schema for it (documents are then checked). */
  @property({ type: Boolean }) hasSchema = false;
  /** The deployed schema, for the new-document template. */
  @property({ attribute: false }) schema: Record<string, unknown> | undefined;
  @state() private texts: QueryTexts = EMPTY_QUERY;
  @state() private problems: QueryProblem[] = [];
  @state() private results: Results | undefined;
  @state() private loading = false;
  @state() private loadError: string | undefined;
  @state() private view: DocumentView = (localStorage.getItem(VIEW_KEY) as DocumentView | null) ?? "tree";
  @state() private editors: DocumentDraft[] = [];
  @state() private saving = new Set<string>();
  @state() private saveErrors = new Map<string, SaveError>();
  @state() private notice: { kind: "ok" | "error" | "warning"; text: string; why?: () => void } | undefined;
  @state() private deleting: { id: unknown; label: string } | undefined;
  @query("rs-why-dialog") private why!: RsWhyDialog;
  @query("dialog.delete") private deleteDialog!: HTMLDialogElement;
  private data!: DataApi;
  private drafts!: DraftStore;
  private loadedFor = "";
  private run = 0;

  static override styles = [
    controls,
    css`
      :host { display: block; min-width: 0; }
      h2 { font-size: var(--rs-text-xl); margin: 0; font-family: var(--rs-font-mono); font-weight: 600; }
      .title { display: flex; align-items: baseline; gap: var(--rs-space-3); flex-wrap: wrap; margin-bottom: var(--rs-space-2); }
      .identity { margin: 0 0 var(--rs-space-3); font-size: var(--rs-text-sm); }
      rs-query-bar { margin-bottom: var(--rs-space-3); }
      .toolbar { display: flex; align-items: center; gap: var(--rs-space-2); flex-wrap: wrap; margin: var(--rs-space-2) 0; }
      .toolbar .count { font-weight: 600; margin-right: auto; }
      .toolbar label { font-size: var(--rs-text-sm); color: var(--rs-fg-muted); display: flex; align-items: center; gap: var(--rs-space-1); }
      .docs { display: flex; flex-direction: column; gap: var(--rs-space-2); }
      .editors { display: flex; flex-direction: column; gap: var(--rs-space-3); margin-bottom: var(--rs-space-3); }
      .compare { font-size: var(--rs-text-sm); }
      .compare ul { margin: var(--rs-space-1) 0 0; padding-left: var(--rs-space-4); }
      .compare li { margin: var(--rs-space-1) 0; }
      .compare p { margin: 0; }
      dialog.delete { border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-bg-raised); color: var(--rs-fg); max-width: 32rem; }
      dialog.delete::backdrop { background: rgb(0 0 0 / 0.45); }
      dialog.delete h2 { font-family: var(--rs-font); font-size: var(--rs-text-lg); }
      .dialog-buttons { display: flex; gap: var(--rs-space-2); justify-content: flex-end; margin-top: var(--rs-space-3); }
      .notice p { margin: 0 0 var(--rs-space-1); }
    `,
  ];

  override render() {
    const s = this.state.state;
    if (!s) return nothing;
    const ns = `${this.database}.${this.collection}`;
    const who = s.runAs.kind === "user" ? s.runAs.email || s.runAs.userId : undefined;
    return html`
      <div class="title">
        <h2>${ns}</h2>
        <a href="#/rules/${encodeURIComponent(this.database)}/${encodeURIComponent(this.collection)}">Rules</a>
        <a href="#/schema/${encodeURIComponent(this.database)}/${encodeURIComponent(this.collection)}">Schema</a>
      </div>
      <p class="identity notice ${who ? "ok" : ""}">
        ${who
          ? html`Acting as <strong>${who}</strong>: you see exactly what this user's client gets, through the client API with a real session. Reads and writes follow the rules.`
          : html`Acting as <strong>the system</strong>: every document and field; rules do not apply and writes skip schema validation. Pick a user in <em>Run as</em> (top bar) to see what that user's client gets.`}
      </p>
      <rs-query-bar .texts=${this.texts} .problems=${this.problems} ?busy=${this.loading} @query-input=${this.typed} @query-run=${this.runQuery}></rs-query-bar>
      ${this.notice
        ? html`<div class="notice ${this.notice.kind}" role=${this.notice.kind === "ok" ? "status" : "alert"}>
            <p>${this.notice.text}</p>
            ${this.notice.why ? html`<button @click=${this.notice.why}>Why was this refused?</button>` : nothing}
          </div>`
        : nothing}
      ${this.renderEditors(who)}
      ${this.renderToolbar()}
      ${this.loadError ? html`<div class="notice error" role="alert"><p>${this.loadError}</p></div>` : nothing}
      ${this.renderComparison(who)}
      ${this.renderDocuments(who)}
      ${this.renderDeleteDialog(who)}
      <rs-why-dialog></rs-why-dialog>
    `;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const s = this.state.state;
    if (!s || !this.database || !this.collection) return;
    const ns = `${this.database}.${this.collection}`;
    const key = `${s.appId}|${ns}|${JSON.stringify(s.runAs)}`;
    if (key !== this.loadedFor) this.open(key, s.appId, ns);
    // Whether the collection has a schema is known once the namespaces are listed.
    else if (changed.has("hasSchema") && changed.get("hasSchema") !== undefined) void this.load();
  }

  private renderToolbar() {
    const r = this.results;
    const shown = r?.documents.length ?? 0;
    const range = r ? (shown === 0 ? `No documents${r.total ? ` on this page of ${r.total}` : ""}` : `Documents ${r.skip + 1}–${r.skip + shown} of ${r.total}`) : "";
    const { limit } = this.texts;
    return html`<div class="toolbar">
      <span class="count" role="status">${this.loading ? "Loading…" : range}</span>
      <button ?disabled=${!r || r.skip === 0 || this.loading} @click=${() => this.page(-1)} aria-label="Previous page">‹ Previous</button>
      <button ?disabled=${!r || r.skip + limit >= r.total || this.loading} @click=${() => this.page(1)} aria-label="Next page">Next ›</button>
      <label>Show as
        <select @change=${this.pickView} .value=${this.view}>
          <option value="tree" ?selected=${this.view === "tree"}>Tree</option>
          <option value="relaxed" ?selected=${this.view === "relaxed"}>Relaxed Extended JSON</option>
          <option value="canonical" ?selected=${this.view === "canonical"}>Canonical Extended JSON</option>
        </select>
      </label>
      <button class="primary" @click=${() => this.edit("new")}>New document</button>
    </div>`;
  }

  private renderComparison(who: string | undefined) {
    const c = this.results?.comparison;
    if (!who || !c || !this.results) return nothing;
    const gets = this.results.total;
    const hiddenDocs = c.hidden.size;
    return html`<section class="notice ${c.withheld.length || hiddenDocs ? "warning" : ""} compare" aria-label="What ${who} gets against the system">
      <p>
        For this query the system finds <strong>${c.systemTotal}</strong> ${plural(c.systemTotal, "document")}; ${who} gets <strong>${gets}</strong>.
        ${c.withheld.length === 0 && hiddenDocs === 0 ? html`Nothing is withheld or hidden.` : nothing}
        ${hiddenDocs ? html`${hiddenDocs} shown ${plural(hiddenDocs, "document has", "documents have")} hidden fields (marked below).` : nothing}
        ${c.withoutId
          ? html`${c.withoutId} shown ${plural(c.withoutId, "document")} cannot be compared with the system's: ${who} cannot read their _id, so which
              documents are withheld cannot be told either.`
          : nothing}
      </p>
      ${c.withheld.length
        ? html`<p>${c.withheld.length}${c.partial ? "+" : ""} ${plural(c.withheld.length, "document is", "documents are")} withheld from ${who}:</p>
            <ul>
              ${c.withheld.map((d) => {
                const label = d.name ? `${d.name} (${idText(d.id)})` : idText(d.id);
                return html`<li>${d.name ? html`<strong>${d.name}</strong> ` : nothing}<code>_id ${idText(d.id)}</code>
                  <button @click=${() => this.explain("read", d.id, undefined, `Why is ${label} withheld from ${who}?`)} aria-label="Why is ${label} withheld?">Why?</button></li>`;
              })}
            </ul>`
        : nothing}
    </section>`;
  }

  private renderDocuments(who: string | undefined) {
    const r = this.results;
    if (!r) return nothing;
    if (r.documents.length === 0 && !this.loading) {
      const filtered = Object.keys(parseQuery(this.texts).request.query).length > 0;
      return html`<p class="muted">${filtered ? "No document matches this filter. Clear the filter, or change it and press Find." : "This collection holds no documents yet. Insert one to start."}</p>`;
    }
    return html`<div class="docs">
      ${r.documents.map((doc) => {
        const key = doc._id === undefined ? "" : idKey(doc._id);
        return html`<rs-document-card
          .document=${doc}
          .view=${this.view}
          .issues=${r.issues.get(key) ?? []}
          .hiddenPaths=${r.comparison?.hidden.get(key) ?? []}
          .reader=${who}
          @edit-document=${(e: CustomEvent) => this.edit({ id: e.detail }, doc)}
          @delete-document=${(e: CustomEvent) => this.askDelete(e.detail, doc)}
          @explain-hidden=${(e: CustomEvent) => this.explain("read", e.detail, undefined, `Why are fields of ${labelOf(doc)} hidden from ${who}?`)}
        ></rs-document-card>`;
      })}
    </div>`;
  }

  private renderEditors(who: string | undefined) {
    if (this.editors.length === 0) return nothing;
    const identity = who ? `as ${who} (the rules apply)` : "as the system";
    return html`<div class="editors">
      ${this.editors.map((draft) => {
        const key = draftKey(draft.target);
        const isNew = draft.target === "new";
        const heading = isNew ? `New document in ${this.collection}` : `Edit document ${idText((draft.target as { id: unknown }).id)}`;
        const hint = isNew
          ? `Saved ${identity}.${who ? ` This user's %%user.id is ${(this.store.state.runAs as { userId: string }).userId}.` : ""} Leave out _id to get a new ObjectId. Types: {"$oid": "…"}, {"$date": "2024-01-31T00:00:00Z"}, {"$numberLong": "5"}, {"$numberDecimal": "1.5"}; whole numbers are Int32.`
          : `Saving replaces the whole document, ${identity}.${who ? " Fields this user cannot see are not in the text, so saving would remove them; the rules may refuse that." : ""}`;
        return html`<rs-document-editor
          .draft=${draft}
          .drafts=${this.drafts}
          .heading=${heading}
          .hint=${hint}
          ?busy=${this.saving.has(key)}
          .error=${this.saveErrors.get(key)}
          .check=${this.hasSchema ? (doc: EjsonDocument) => this.checkSchema(doc) : undefined}
          @save-document=${(e: CustomEvent<EjsonDocument>) => this.save(draft, e.detail)}
          @discard-document=${() => this.closeEditor(draft)}
          @explain-refusal=${() => this.explainRefusal(draft)}
        ></rs-document-editor>`;
      })}
    </div>`;
  }

  private renderDeleteDialog(who: string | undefined) {
    const d = this.deleting;
    return html`<dialog class="delete" aria-labelledby="delete-title" @close=${() => (this.deleting = undefined)}>
      ${d
        ? html`<h2 id="delete-title">Delete ${d.label}?</h2>
            <p>It is removed from ${this.database}.${this.collection} ${who ? `as ${who}, if the rules allow it` : "as the system"}. This cannot be undone.</p>
            <div class="dialog-buttons">
              <button @click=${() => this.deleteDialog.close()}>Cancel</button>
              <button class="danger" @click=${this.confirmDelete}>Delete document</button>
            </div>`
        : nothing}
    </dialog>`;
  }

  /** A new collection, app or identity: restore the typed query and the drafts, then run. */
  private open(key: string, appId: string, ns: string): void {
    const sameCollection = this.loadedFor.split("|").slice(0, 2).join("|") === `${appId}|${ns}`;
    this.loadedFor = key;
    this.data ??= new DataApi(this.store);
    if (!sameCollection) {
      this.drafts = new DraftStore(localStorage, `${appId}:${ns}`);
      this.editors = this.drafts.list();
      this.saveErrors = new Map();
      this.notice = undefined;
      this.results = undefined;
      this.texts = queryFromHash(location.hash) ?? loadTyped(sessionStorage, `${appId}:${ns}`) ?? EMPTY_QUERY;
    }
    void this.load(this.texts);
  }

  /** Runs the query as the current identity; as a user, also compares with the system. */
  async load(texts: QueryTexts = this.texts): Promise<void> {
    const { request, problems } = parseQuery(texts);
    this.problems = problems;
    if (problems.length) return;
    const runAs = this.store.state.runAs;
    const ask = ++this.run;
    this.loading = true;
    this.loadError = undefined;
    try {
      const page = await this.data.find(runAs, this.database, this.collection, request);
      const documents = page.documents as EjsonDocument[];
      const [comparison, issues] = await Promise.all([
        runAs.kind === "user" ? compareWithSystem(this.data, runAs, this.database, this.collection, request, documents) : undefined,
        this.schemaIssues(documents),
      ]);
      if (ask !== this.run) return;
      this.results = { runAs, documents, total: page.total, skip: request.skip, issues, comparison };
    } catch (error) {
      if (ask !== this.run) return;
      this.results = undefined;
      this.loadError = `The query could not run: ${(error as Error).message}. ${hintFor(error) ?? "Check the filter, projection and sort, then press Find again."}`;
    } finally {
      if (ask === this.run) this.loading = false;
    }
  }

  /** Schema problems of the stored documents shown (by `_id`, so hidden fields and projections do not count as missing). */
  private async schemaIssues(documents: EjsonDocument[]): Promise<Map<string, SchemaIssue[]>> {
    const ids = documents.map((d) => d._id).filter((id) => id !== undefined);
    if (!this.hasSchema || ids.length === 0) return new Map();
    const answer = await this.data.validate(this.database, this.collection, { ids });
    return new Map(ids.map((id, i) => [idKey(id), answer.results[i]?.issues ?? []]));
  }

  private checkSchema(doc: EjsonDocument): Promise<SchemaIssue[]> {
    const withId = doc._id === undefined ? { ...doc, _id: { $oid: "000000000000000000000000" } } : doc;
    return this.data.validate(this.database, this.collection, { documents: [withId] }).then((a) => a.results[0]?.issues ?? []);
  }

  private typed(event: CustomEvent<QueryTexts>): void {
    this.texts = event.detail;
    saveTyped(sessionStorage, `${this.store.state.appId}:${this.database}.${this.collection}`, this.texts);
  }

  private runQuery(event: CustomEvent<QueryTexts>): void {
    this.texts = event.detail;
    this.remember();
    void this.load(this.texts);
  }

  private page(direction: 1 | -1): void {
    this.texts = { ...this.texts, skip: Math.max(0, this.texts.skip + direction * this.texts.limit) };
    this.remember();
    void this.load(this.texts);
  }

  /** The query that ran goes into the address, so it is a link and survives a reload. */
  private remember(): void {
    saveTyped(sessionStorage, `${this.store.state.appId}:${this.database}.${this.collection}`, this.texts);
    const path = `/data/${encodeURIComponent(this.database)}/${encodeURIComponent(this.collection)}`;
    history.replaceState(history.state, "", hashWithQuery(path, this.texts));
  }

  private pickView(event: Event): void {
    this.view = (event.target as HTMLSelectElement).value as DocumentView;
    localStorage.setItem(VIEW_KEY, this.view);
  }

  private edit(target: DocumentDraft["target"], doc?: EjsonDocument): void {
    const existing = this.editors.find((d) => draftKey(d.target) === draftKey(target));
    if (!existing) {
      const canonical = this.view === "canonical";
      const text = doc ? JSON.stringify(canonical ? doc : toRelaxed(doc, true), null, 2) : newDocumentText(this.schema);
      const draft: DocumentDraft = { target, text, original: text, updatedAt: Date.now() };
      this.drafts.put(draft);
      this.editors = [...this.editors, draft];
    }
    void this.updateComplete.then(() => {
      const editor = [...this.renderRoot.querySelectorAll("rs-document-editor")].find((e) => draftKey(e.draft.target) === draftKey(target));
      editor?.scrollIntoView({ block: "nearest" });
      editor?.shadowRoot?.querySelector("rs-code-editor")?.focus();
    });
  }

  private closeEditor(draft: DocumentDraft): void {
    this.drafts.remove(draft.target);
    this.editors = this.editors.filter((d) => draftKey(d.target) !== draftKey(draft.target));
    this.setSaveError(draft, undefined);
  }

  private async save(draft: DocumentDraft, doc: EjsonDocument): Promise<void> {
    const key = draftKey(draft.target);
    const runAs = this.store.state.runAs;
    this.saving = new Set(this.saving).add(key);
    this.setSaveError(draft, undefined);
    try {
      const answer =
        draft.target === "new"
          ? await this.data.insert(runAs, this.database, this.collection, doc)
          : await this.data.replace(runAs, this.database, this.collection, draft.target.id, doc);
      this.closeEditor(draft);
      const what = draft.target === "new" ? `Inserted document ${answer.insertedId === undefined ? "" : idText(answer.insertedId)}` : `Saved document ${idText(draft.target.id)}`;
      this.notice = answer.issues.length
        ? { kind: "warning", text: `${what}. It does not match the schema (${answer.issues.map((i) => `${i.path || "document"}: ${i.message}`).join("; ")}): the system skips validation, a user's write would be refused.` }
        : { kind: "ok", text: `${what}.` };
      this.changed();
    } catch (error) {
      this.setSaveError(draft, saveError(error, runAs));
    } finally {
      const next = new Set(this.saving);
      next.delete(key);
      this.saving = next;
    }
  }

  private setSaveError(draft: DocumentDraft, error: SaveError | undefined): void {
    const next = new Map(this.saveErrors);
    if (error) next.set(draftKey(draft.target), error);
    else next.delete(draftKey(draft.target));
    this.saveErrors = next;
  }

  private askDelete(id: unknown, doc: EjsonDocument): void {
    this.deleting = { id, label: `document ${labelOf(doc)}` };
    void this.updateComplete.then(() => this.deleteDialog.showModal());
  }

  private async confirmDelete(): Promise<void> {
    const target = this.deleting;
    this.deleteDialog.close();
    if (!target) return;
    const runAs = this.store.state.runAs;
    try {
      await this.data.remove(runAs, this.database, this.collection, target.id);
      this.notice = { kind: "ok", text: `Deleted ${target.label}.` };
      this.changed();
    } catch (error) {
      const e = saveError(error, runAs);
      this.notice = { kind: "error", text: `${target.label} was not deleted: ${e.message}`, why: e.refusedByRules ? () => this.explain("delete", target.id) : undefined };
    }
  }

  private explainRefusal(draft: DocumentDraft): void {
    let doc: EjsonDocument | undefined;
    try {
      // The editor keeps the draft store current as it is typed.
      doc = JSON.parse(this.drafts.get(draft.target)?.text ?? draft.text) as EjsonDocument;
    } catch {
      doc = undefined;
    }
    if (draft.target === "new") this.explain("insert", undefined, doc);
    else this.explain("write", draft.target.id, doc);
  }

  /** Opens the Why view for the Run-as user and one document. */
  private explain(action: ExplainAction, id: unknown, document?: EjsonDocument, title?: string): void {
    const runAs = this.store.state.runAs;
    if (runAs.kind !== "user") return;
    const who = runAs.email || runAs.userId;
    const titles: Record<ExplainAction, string> = {
      read: `Why ${who} gets ${idText(id)} the way it does`,
      write: `Why was saving ${idText(id)} refused for ${who}?`,
      insert: `Why was this insert refused for ${who}?`,
      delete: `Why was deleting ${idText(id)} refused for ${who}?`,
    };
    void this.why.explain(title ?? titles[action], () =>
      this.data.explain({ database: this.database, collection: this.collection, userId: runAs.userId, action, documentId: id, document }),
    );
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent("data-changed", { bubbles: true, composed: true }));
    void this.load(this.texts);
  }
}

function saveError(error: unknown, runAs: RunAs): SaveError {
  const message = (error as Error).message;
  if (error instanceof ConsoleApiError) {
    if (error.code === "SchemaValidationFailedWrite") {
      return { message: `Refused by the collection's schema: ${message.replace(/^.*?schema validation failed for [^:]+: /, "")}. Fix those fields and save again.` };
    }
    const byRules = error.code === "NoMatchingRuleFound" || /not permitted$/.test(message);
    if (byRules && runAs.kind === "user") {
      return { message: `Refused by the rules: the client got "${message}". ${runAs.email || runAs.userId} may not do this; ask why, then change the document, the rules, or Run as.`, refusedByRules: true };
    }
  }
  return { message: `Not saved: ${message}. ${hintFor(error) ?? "Change the document and save again; your text is kept."}` };
}

/** What to do next for errors that are not about the query or the document itself. */
function hintFor(error: unknown): string | undefined {
  const code = error instanceof ConsoleApiError ? error.code : "";
  if (code === "NoMatchingRuleFound") return "This collection has no rules, so users can do nothing on it: add a role in the Rules screen, or Run as the system.";
  if (code === "InvalidSession" || code === "UserNotFound" || code === "UserDisabled") return "The Run-as user cannot act right now: pick another user or the system in Run as.";
  if (code === "InvalidConfig") return "A rule expression of this collection cannot be evaluated: fix it in the Rules screen.";
  return undefined;
}

/** A document as people tell it apart: its name and `_id`. */
function labelOf(doc: EjsonDocument): string {
  const name = nameOf(doc);
  const id = doc._id === undefined ? "" : idText(doc._id);
  return name ? `${name} (${id})` : id;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-collection-view": RsCollectionView;
  }
}

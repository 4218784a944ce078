/// <reference types="vite/client" />
import { LitElement, css, html } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { isPreviewMessage, libraryUrls, previewDocument, type ClientFiles, type PreviewMessage } from "./preview-document.ts";
import "./rs-client-console.ts";

/** How long typing pauses before the preview runs the new text. */
const RELOAD_DELAY_MS = 600;
/** Console lines kept per run, so a loop that logs cannot flood the page. */
const MAX_ENTRIES = 500;

/**
 * Runs the Web client's files in a sandboxed frame: a new run shortly after each edit and
 * on Reload preview. The frame shares the page's origin, so the service worker answers its
 * requests to the App Services hosts from the sandbox. Its console output and uncaught
 * errors are listed below it.
 */
@customElement("rs-client-preview")
export class RsClientPreview extends LitElement {
  @property({ attribute: false }) files: ClientFiles | undefined;
  @property() appId = "";
  @state() private srcdoc = "";
  @state() private entries: PreviewMessage[] = [];
  @state() private runs = 0;
  @query("iframe") private frame!: HTMLIFrameElement;
  private session = "";
  /** The app and files of the last run. */
  private ranKey = "";
  private blobUrls: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  static override styles = [
    controls,
    css`
      :host { display: flex; flex-direction: column; gap: var(--rs-space-2); min-width: 0; }
      .bar { display: flex; align-items: center; justify-content: space-between; gap: var(--rs-space-2); }
      h2 { font-size: var(--rs-text); margin: 0; }
      iframe { width: 100%; height: var(--rs-preview-height, 22rem); border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: #fff; }
      .hint { color: var(--rs-fg-muted); font-size: var(--rs-text-sm); margin: 0; }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("message", this.onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("message", this.onMessage);
    clearTimeout(this.timer);
    this.revoke();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has("files") && !changed.has("appId")) return;
    // The same text read back from the draft after a save is not a change.
    if (this.session && this.ranKey === this.key()) return;
    // The first run is at once; later ones wait until typing pauses.
    if (!this.session) this.run();
    else {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), RELOAD_DELAY_MS);
    }
  }

  override render() {
    return html`<div class="bar">
        <h2 id="preview-heading">Preview</h2>
        <button type="button" @click=${() => this.run()}>Reload preview</button>
      </div>
      <iframe
        title="Preview of the Web client"
        sandbox="allow-scripts allow-same-origin allow-forms allow-modals"
        .srcdoc=${this.srcdoc}
        data-run=${this.runs}
      ></iframe>
      <rs-client-console .entries=${this.entries} @clear-console=${() => (this.entries = [])}></rs-client-console>`;
  }

  private key(): string {
    return JSON.stringify([this.appId, this.files]);
  }

  /** Runs the current files in a fresh document. */
  run(): void {
    clearTimeout(this.timer);
    if (!this.files || !this.appId) return;
    this.ranKey = this.key();
    this.revoke();
    this.session = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const { html: documentHtml, blobUrls } = previewDocument(this.files, {
      session: this.session,
      appId: this.appId,
      // Only Vite's dev server has hot updates; a build (even one made in development mode) has the entries.
      libraries: libraryUrls(document.baseURI, Boolean(import.meta.hot)),
    });
    this.blobUrls = blobUrls;
    this.entries = [];
    this.runs++;
    this.srcdoc = documentHtml;
  }

  private receive(event: MessageEvent): void {
    if (!isPreviewMessage(event.data) || event.data.session !== this.session) return;
    if (this.frame && event.source !== this.frame.contentWindow) return;
    this.entries = [...this.entries.slice(-(MAX_ENTRIES - 1)), event.data];
  }

  private revoke(): void {
    for (const url of this.blobUrls) URL.revokeObjectURL(url);
    this.blobUrls = [];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-client-preview": RsClientPreview;
  }
}

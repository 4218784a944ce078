import { consume } from "@lit/context";
import { LitElement, html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";

import { controls } from "../../tokens.ts";
import { storeContext, StateController } from "../../state/context.ts";
import type { ConsoleStore } from "../../state/console-store.ts";
import { DraftFiles } from "../../state/draft-files.ts";
import { draftNotice } from "../../components/draft-notice.ts";
import { SecretsApi } from "../../state/secrets-api.ts";
import { screenStyles } from "./screen-styles.ts";
import type { SecretRequest } from "./rs-secrets-list.ts";
import "./rs-values-list.ts";
import "./rs-secrets-list.ts";
import "./rs-environment-picker.ts";
import "./rs-environment-values.ts";

/**
 * Values & Environments: the app's values (plain JSON or linked to a secret), its secrets
 * (names only), the current environment and each environment's values. All saved to the
 * draft; the top bar deploys it.
 */
@customElement("rs-values-screen")
export class RsValuesScreen extends LitElement {
  @consume({ context: storeContext }) store!: ConsoleStore;
  @property({ attribute: false }) params: Record<string, string> = {};
  private readonly state = new StateController(this, () => this.store);
  private readonly draft = new DraftFiles(this, () => this.store);
  @state() private secrets: string[] = [];
  @state() private secretsError = "";
  private secretsFor: unknown;

  static override styles = [controls, screenStyles];

  override willUpdate(): void {
    const overview = this.state.state?.overview;
    if (overview && this.secretsFor !== overview) {
      this.secretsFor = overview;
      void this.loadSecrets();
    }
  }

  override render() {
    const appId = this.state.state?.appId ?? "";
    const files = this.draft.files;
    return html`
      <h1>Values &amp; Environments</h1>
      <p class="lead">
        Values are named settings that rules and functions read instead of repeating them; secrets hold what must stay hidden, such as API
        keys. Environments let one app carry different values for development, testing, QA and production. What you save goes to the draft;
        deploy it from the top bar.
      </p>
      ${draftNotice(this.draft)}
      ${files
        ? html`
            <section class="card" aria-labelledby="values-h">
              <h2 id="values-h">Values</h2>
              <p class="hint intro">
                In a rule, <code>{"%%user.id": {"$in": "%%values.adminIds"}}</code> compares with the value <code>adminIds</code>; in a function,
                <code>context.values.get("adminIds")</code> returns it.
              </p>
              <rs-values-list .draft=${this.draft} .files=${files} .secrets=${this.secrets} appId=${appId}></rs-values-list>
            </section>
            <section class="card" aria-labelledby="secrets-h">
              <h2 id="secrets-h">Secrets</h2>
              <p class="hint intro">
                A secret cannot be read directly: link a value to it above. This sandbox keeps secrets in the draft's
                <code>sandbox/secrets.json</code>, because exported apps never carried them.
              </p>
              <rs-secrets-list .secrets=${this.secrets} loadError=${this.secretsError} @secret-request=${this.secretRequest}></rs-secrets-list>
            </section>
            <section class="card" aria-labelledby="env-h">
              <h2 id="env-h">Environments</h2>
              <rs-environment-picker .files=${files}></rs-environment-picker>
              <h3>Environment values</h3>
              <p class="hint intro">
                Read with <code>%%environment.values.apiUrl</code> in rules and <code>context.environment.values.apiUrl</code> in functions;
                <code>%%environment.tag</code> is the current environment's name.
              </p>
              <rs-environment-values .draft=${this.draft} .files=${files} appId=${appId}></rs-environment-values>
            </section>
          `
        : nothing}
    `;
  }

  private async loadSecrets(): Promise<void> {
    try {
      this.secrets = (await new SecretsApi(this.store.api).list(this.store.state.appId)).map((s) => s.name);
      this.secretsError = "";
    } catch (error) {
      this.secretsError = `The secrets could not be listed: ${(error as Error).message}. Reload the page to try again.`;
    }
  }

  private async secretRequest(event: CustomEvent<SecretRequest>): Promise<void> {
    const { action, name, value, done } = event.detail;
    const api = new SecretsApi(this.store.api);
    const appId = this.store.state.appId;
    try {
      if (action === "create") await api.create(appId, name, value ?? "");
      else if (action === "replace") await api.replace(appId, name, value ?? "");
      else await api.remove(appId, name);
      await this.draft.reload();
      await this.loadSecrets();
      done("");
    } catch (error) {
      done(`The secret ${name} was not saved: ${(error as Error).message}`);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "rs-values-screen": RsValuesScreen;
  }
}

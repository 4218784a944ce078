import type { SandboxApp } from "../app/app.ts";
import type { AuthenticatedUser, AuthService } from "../auth/index.ts";
import type { Document } from "../bson/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import { userContext, type RequestContext } from "../services/request-context.ts";
import { parseBodyDocument, readBodyText } from "./http.ts";

/** Everything a route handler gets for one request. */
export class RouteContext {
  private textPromise: Promise<string> | undefined;
  private callerPromise: Promise<AuthenticatedUser> | undefined;
  /** Set once the caller is known, for the request log. */
  userId: string | undefined;
  /** Extra facts for the request log entry (e.g. the function called). */
  readonly details: Record<string, unknown> = {};

  constructor(
    readonly app: SandboxApp,
    readonly auth: AuthService,
    readonly request: Request,
    readonly url: URL,
    /** The origin plus any path prefix in front of `/api/client/v2.0`: what `location` answers as hostname. */
    readonly base: string,
    readonly params: Readonly<Record<string, string>>,
    readonly requestId: string,
  ) {}

  /** The request body as text, read once and at most MAX_BODY_BYTES long. */
  text(): Promise<string> {
    this.textPromise ??= readBodyText(this.request);
    return this.textPromise;
  }

  /** The request body as a document, in canonical Extended JSON (what realm-web sends). */
  async body(): Promise<Document> {
    return parseBodyDocument(await this.text());
  }

  /** The request body as plain JSON (what GraphQL clients send: no EJSON wrappers). */
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new AppServicesError("BadRequest", `invalid JSON: ${(error as Error).message}`);
    }
  }

  /** The bearer token; a missing header is MissingAuthReq, a malformed one InvalidSession. */
  bearerToken(): string {
    const header = this.request.headers.get("authorization");
    if (header === null || header.trim() === "") throw new AppServicesError("MissingAuthReq", "must authenticate first");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new AppServicesError("InvalidSession", "invalid session: expected an Authorization header of the form 'Bearer <token>'");
    return match[1];
  }

  /** The caller of an access-token request, authenticated once. */
  caller(): Promise<AuthenticatedUser> {
    this.callerPromise ??= (async () => {
      const caller = await this.auth.authenticate(this.bearerToken());
      this.userId = caller.record.id;
      return caller;
    })();
    return this.callerPromise;
  }

  /**
   * The caller by the order GraphQL documents: an Authorization header must be a valid
   * Bearer access token; without one, \`email\` and \`password\` headers log in for this
   * request only.
   */
  async credentialCaller(): Promise<Pick<AuthenticatedUser, "record" | "user">> {
    const email = this.request.headers.get("email");
    const password = this.request.headers.get("password");
    if (this.request.headers.has("authorization") || email === null || password === null) return this.caller();
    const caller = await this.auth.authenticatePassword(email, password);
    this.userId = caller.record.id;
    return caller;
  }

  /** The context services, functions and rules run with for this caller. */
  async requestContext(extra: Record<string, unknown> = {}): Promise<RequestContext> {
    const { user } = await this.caller();
    return userContext(user, { ...this.requestInfo(), ...extra });
  }

  /** `%%request` / `context.request`: what App Services exposed of the HTTP request (no credentials). */
  requestInfo(): Record<string, unknown> {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of this.request.headers) {
      if (name === "authorization" || name === "cookie") continue;
      headers[name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())] = [value];
    }
    return {
      remoteIPAddress: "127.0.0.1",
      requestHeaders: headers,
      httpMethod: this.request.method,
      httpReferrer: this.request.headers.get("referer") ?? "",
      httpUserAgent: this.request.headers.get("user-agent") ?? "",
      rawQueryString: this.url.search.replace(/^\?/, ""),
      webhookUrl: "",
    };
  }
}

/**
 * A small GraphQL client for the Web client preview (the bare name `graphql-client`):
 * `gql` checks an operation's syntax where it is written, and `createClient` posts
 * operations with a user's access token, asking for a fresh token once when the answer
 * is 401, as the Task Tracker guide's client does. Built as a separate file for the
 * preview, never part of the page.
 */
import { parse } from "graphql";

/** An operation's text, checked for syntax errors at once (they name the line and column). */
export function gql(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((all, part, i) => all + part + (i < values.length ? String(values[i]) : ""), "");
  parse(text);
  return text;
}

export interface ClientOptions {
  /** The app's GraphQL endpoint. */
  url: string;
  /** The access token to send; called before every request. */
  getAccessToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** Called once when a request is refused with 401, before it is tried again (refresh the token here). */
  onUnauthorized?: () => unknown | Promise<unknown>;
}

/** A GraphQL answer's error, with the server's errors and the HTTP status. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: { message: string }[] = [],
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

export interface GraphQLClient {
  /** Runs a query or mutation; answers its `data`, or throws GraphQLRequestError. */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function createClient(options: ClientOptions): GraphQLClient {
  async function post(query: string, variables: Record<string, unknown> | undefined): Promise<Response> {
    const token = await options.getAccessToken();
    return fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
  }
  return {
    async request(query, variables) {
      let response = await post(query, variables);
      if (response.status === 401 && options.onUnauthorized) {
        await options.onUnauthorized();
        response = await post(query, variables);
      }
      const body = (await response.json().catch(() => ({}))) as { data?: any; errors?: { message: string }[]; error?: string };
      if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((e) => e.message).join("; "), response.status, body.errors);
      if (!response.ok) throw new GraphQLRequestError(body.error ?? `The GraphQL request failed with HTTP ${response.status}.`, response.status);
      return body.data;
    },
  };
}

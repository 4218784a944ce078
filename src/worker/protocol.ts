/**
 * The one message protocol of the browser runtime. Three kinds of endpoint speak it:
 * - the page and its own backend Worker (`PageMessage` ⇄ `WorkerMessage`, postMessage);
 * - the Workers of every tab and the service worker of one sandbox (`BusMessage`, on a
 *   BroadcastChannel per origin + base path): one Worker leads and owns the database,
 *   the others send it their calls.
 *
 * - the service worker and the leading Worker directly (`PortMessage` ⇄ `Reply`, on a
 *   MessagePort the leader hands out through its page when the service worker asks on
 *   the bus): no other tab sees these messages, and bodies are transferred, not copied.
 *
 * Every call gets exactly one terminal reply: `result`, `failure`, `response` or `end`.
 * A `fetch` answers with one `response` carrying the whole body, except for streamed
 * bodies (the watch SSE stream): those answer `head`, then zero or more `chunk`s, then
 * `end`, so they flow through as they are produced; `cancel` stops a stream.
 */
import type { TemplateName } from "../app/templates/index.ts";

/** A Request as data: structured-cloneable, body read in full (client API bodies are small JSON). */
export interface WireRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body?: ArrayBuffer;
}

export interface WireResponseHead {
  status: number;
  statusText: string;
  headers: [string, string][];
  /** False for null-body statuses and empty responses: `end` follows at once. */
  hasBody: boolean;
}

export interface WireError {
  name: string;
  message: string;
  /** The App Services error code, when the backend raised one. */
  code?: string;
}

export type Call =
  /** `api: "admin"` sends the request to the console's API instead of the client API. */
  | { op: "fetch"; request: WireRequest; api?: "client" | "admin" }
  | { op: "status" }
  /** The whole sandbox as one JSON text (see src/app/snapshot.ts). */
  | { op: "export" }
  | { op: "import"; text: string }
  | { op: "reset" };

export type CallOp = Call["op"];

/** What `result` carries per operation (`fetch` answers with `head` instead). */
export interface CallResults {
  fetch: never;
  status: BackendStatus;
  export: string;
  import: BackendStatus;
  reset: BackendStatus;
}

export type Reply =
  | { kind: "result"; id: number; value: unknown }
  | { kind: "failure"; id: number; error: WireError }
  /** A whole response; `body` is absent when `head.hasBody` is false. */
  | { kind: "response"; id: number; head: WireResponseHead; body?: ArrayBuffer }
  | { kind: "head"; id: number; head: WireResponseHead }
  | { kind: "chunk"; id: number; bytes: Uint8Array }
  | { kind: "end"; id: number; error?: WireError };

export function isTerminal(reply: Reply): boolean {
  return reply.kind !== "head" && reply.kind !== "chunk";
}

/** Where this page's sandbox lives and what a new database starts from. */
export interface BackendConfig {
  /** The path the site is served from, e.g. "/realm-sandbox/"; keys the database, lock and bus. */
  basePath: string;
  appId: string;
  template: TemplateName;
}

export type PageMessage =
  | { kind: "init"; config: BackendConfig }
  | { kind: "call"; id: number; call: Call }
  | { kind: "cancel"; id: number };

export type WorkerMessage =
  | Reply
  | { kind: "event"; event: BackendEvent }
  /** The leader's end of a direct channel for the service worker: the page passes it on. */
  | { kind: "service-worker-port"; leader: string; port: MessagePort };

/** What the service worker sends the leader on a direct channel. */
export type PortMessage = { kind: "call"; id: number; call: Call } | { kind: "cancel"; id: number };

/** What a page posts its service worker to hand it a direct channel (the port is transferred). */
export interface LeaderPortMessage {
  kind: "leader-port";
  leader: string;
}

export function isLeaderPortMessage(data: unknown): data is LeaderPortMessage {
  return typeof data === "object" && data !== null && (data as LeaderPortMessage).kind === "leader-port";
}

export type BusMessage =
  /** Sent by a Worker that took the lock, and again to anyone asking. */
  | { kind: "leader"; leader: string }
  | { kind: "who-leads"; from: string }
  /** The service worker asks the leader for a direct channel (see PortMessage). */
  | { kind: "port-wanted"; from: string; to: string }
  | { kind: "call"; from: string; to: string; id: number; call: Call }
  | { kind: "cancel"; from: string; to: string; id: number }
  | { kind: "reply"; to: string; reply: Reply }
  | { kind: "event"; event: BackendEvent };

export type BackendEvent =
  /** The backend's state changed (data, deploy, reset, import, a problem). */
  | { type: "status"; status: BackendStatus }
  /** Sent by a Worker to its own page only: whether this tab serves the backend. */
  | { type: "role"; role: Role };

/** "leader": this tab's Worker owns the database; "follower": another tab's does. */
export type Role = "leader" | "follower";

export type ProblemKind =
  | "indexeddb-unavailable"
  | "quota-exceeded"
  | "newer-data"
  | "open-failed"
  | "no-web-locks"
  | "service-worker";

/** A bad state the status view shows, with what still works. */
export interface Problem {
  kind: ProblemKind;
  message: string;
}

export interface BackendStatus {
  state: "starting" | "ready" | "failed";
  appId: string;
  databaseName: string;
  /** "memory" when IndexedDB is unavailable and nothing persists. */
  storage: "indexeddb" | "memory";
  deployment?: { id: string; deployedAt: number; origin: string };
  collections: { namespace: string; count: number }[];
  problems: Problem[];
}

/** One lock, one bus, one database family per origin + base path. */
export function sandboxKey(basePath: string): string {
  return `realm-sandbox:${basePath}`;
}

export function databaseNameFor(basePath: string, appId: string): string {
  return `realm-sandbox:${basePath}:${appId}`;
}

/**
 * The message protocol between the backend (host) and a function runner (an isolated
 * worker). Values cross as canonical Extended JSON text, so BSON types survive and
 * nothing but data reaches the other side.
 *
 * host → runner: `run` starts a function; `reply` answers one of its RPCs.
 * runner → host: `ready` once after start-up; `rpc` for service calls and
 * `functions.execute`; `log` for console output; `done` with the result or error;
 * `fault` for an error outside any run.
 */

/** Buffer memory one call tree may hold, in MB: App Services allowed a function 256 MB. */
export const DEFAULT_MEMORY_LIMIT_MB = 256;

/** What `context` shows a run; sent as EJSON inside `RunMessage.context`. */
export interface ContextSnapshot {
  user: Record<string, unknown>;
  runningAsSystem: boolean;
  request: Record<string, unknown> | undefined;
  values: Record<string, unknown>;
  environment: { tag: string; values: Record<string, unknown> };
  /** Names `context.services.get` knows. */
  services: string[];
  app: Record<string, unknown>;
  /** The app clock when the call started: function code's `Date` follows it, not the machine's. */
  now: number;
}

export interface RunMessage {
  t: "run";
  run: number;
  name: string;
  source: string;
  /** EJSON array. */
  args: string;
  /** EJSON of a ContextSnapshot. */
  context: string;
}

export interface ReplyMessage {
  t: "reply";
  run: number;
  call: number;
  ok: boolean;
  /** EJSON of the result; absent for `undefined`. */
  value?: string;
  error?: { message: string; code?: string };
}

export type HostMessage = RunMessage | ReplyMessage;

export type RpcOp = "mongo" | "execute" | "collectionNames" | "dbNames";

export interface RpcMessage {
  t: "rpc";
  run: number;
  call: number;
  op: RpcOp;
  /** EJSON of the op's payload. */
  payload: string;
}

export type ConsoleLevel = "log" | "info" | "warn" | "error" | "debug";

export interface LogMessage {
  t: "log";
  run: number;
  level: ConsoleLevel;
  text: string;
}

/**
 * Where a failure happened: compiling the source, running it, a promise nobody awaited,
 * or past the memory limit.
 */
export type FailureKind = "syntax" | "runtime" | "rejection" | "invalid" | "memory";

export interface RunFailure {
  kind: FailureKind;
  message: string;
  /** 1-based line in the function source, when known. */
  line?: number;
  column?: number;
  stack?: string;
  /** Error code carried by an error that came from the host (a service call). */
  code?: string;
}

export type DoneMessage =
  | { t: "done"; run: number; ok: true; value?: string }
  | { t: "done"; run: number; ok: false; error: RunFailure };

export interface FaultMessage {
  t: "fault";
  message: string;
}

export type RunnerMessage = { t: "ready" } | RpcMessage | LogMessage | DoneMessage | FaultMessage;

/** One started runner, ready for `run` messages. */
export interface RunnerPort {
  post(message: HostMessage): void;
  /** Stops the runner at once, even inside an endless loop. */
  terminate(): void;
}

export interface RunnerHandlers {
  onMessage(message: RunnerMessage): void;
  /** The runner stopped on its own (crash, out of memory, exit). */
  onExit(reason: string): void;
}

/**
 * Starts isolated runners. `spawn` resolves once the runner reported `ready`; the
 * Node transport uses worker_threads, the browser one a Worker from a Blob URL.
 */
export interface RunnerTransport {
  readonly kind: string;
  spawn(handlers: RunnerHandlers): Promise<RunnerPort>;
}

/** The calling end of the protocol: numbered calls, their replies, streamed fetch bodies. */
import type { Call, CallOp, CallResults, PortMessage, Reply } from "./protocol.ts";
import { isTerminal } from "./protocol.ts";
import { ResponseAssembler, fromWireError, toWireRequest, type ResponseOptions } from "./wire.ts";

interface Pending {
  accept(reply: Reply): void;
  fail(error: Error): void;
}

export class Calls {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /**
   * @param send delivers a call (or a cancel) to the serving end, with the buffers it may
   *   transfer instead of copying (a request's body)
   */
  constructor(
    private readonly send: (message: PortMessage, transfer?: Transferable[]) => void,
    private readonly responses: Pick<ResponseOptions, "bodyAsStream"> = {},
  ) {}

  get size(): number {
    return this.pending.size;
  }

  call<K extends Exclude<CallOp, "fetch">>(call: Call & { op: K }): Promise<CallResults[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        accept: (reply) => {
          if (reply.kind === "result") resolve(reply.value as CallResults[K]);
          else if (reply.kind === "failure") reject(fromWireError(reply.error));
          else reject(new Error(`unexpected ${reply.kind} reply to ${call.op}`));
        },
        fail: reject,
      });
      this.send({ kind: "call", id, call });
    });
  }

  /**
   * Sends a request to the backend; a streamed body (watch) flows as the backend writes it.
   * @param extraHeaders set on the one Response built (the service worker's CORS headers)
   */
  async fetch(request: Request, api: "client" | "admin" = "client", extraHeaders?: Record<string, string>): Promise<Response> {
    const wire = await toWireRequest(request);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      let started = false;
      const assembler = new ResponseAssembler(
        (response) => {
          started = true;
          resolve(response);
        },
        () => {
          this.pending.delete(id);
          this.send({ kind: "cancel", id });
        },
        { ...this.responses, extraHeaders },
      );
      this.pending.set(id, {
        accept: (reply) => {
          if (reply.kind === "failure") reject(fromWireError(reply.error));
          else assembler.accept(reply);
        },
        fail: (error) => (started ? assembler.abort(error) : reject(error)),
      });
      request.signal?.addEventListener("abort", () => {
        if (!this.pending.delete(id)) return;
        this.send({ kind: "cancel", id });
        assembler.abort(new DOMException("The request was aborted", "AbortError"));
        if (!started) reject(new DOMException("The request was aborted", "AbortError"));
      });
      const call: Call = { op: "fetch", request: wire, ...(api === "admin" ? { api } : {}) };
      this.send({ kind: "call", id, call }, wire.body ? [wire.body] : []);
    });
  }

  /** Routes a reply to its call; replies to unknown calls (cancelled ones) are dropped. */
  accept(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (isTerminal(reply)) this.pending.delete(reply.id);
    pending.accept(reply);
  }

  /** Fails every open call, e.g. when the backend serving them went away. */
  failAll(error: Error): void {
    const open = [...this.pending.values()];
    this.pending.clear();
    for (const pending of open) pending.fail(error);
  }
}

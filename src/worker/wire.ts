/** Requests and responses to and from protocol messages, on both ends. */
import type { Reply, WireError, WireRequest, WireResponseHead } from "./protocol.ts";

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export async function toWireRequest(request: Request): Promise<WireRequest> {
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const body = hasBody ? await request.arrayBuffer() : undefined;
  return {
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    ...(body && body.byteLength > 0 ? { body } : {}),
  };
}

export function fromWireRequest(wire: WireRequest, signal?: AbortSignal): Request {
  return new Request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body, signal });
}

export function toWireError(error: unknown): WireError {
  const e = error as { name?: string; message?: string; code?: unknown };
  return {
    name: e?.name ?? "Error",
    message: e?.message ?? String(error),
    ...(typeof e?.code === "string" ? { code: e.code } : {}),
  };
}

export function fromWireError(error: WireError): Error {
  const result = new Error(error.message);
  result.name = error.name;
  if (error.code) (result as Error & { code?: string }).code = error.code;
  return result;
}

/** Delivers a reply, with what to transfer rather than copy (bodies). */
export type ReplySender = (reply: Reply, transfer?: Transferable[]) => void;

/** Bodies that are written over time and must flow as they are produced: the watch SSE stream. */
export function isStreamed(response: Response): boolean {
  return response.headers.get("content-type")?.toLowerCase().startsWith("text/event-stream") ?? false;
}

/**
 * Sends a response as one `response` reply with its body transferred, or, for a
 * streamed body, as `head`, `chunk`s and `end`. Returns a function that stops sending,
 * for when the caller goes away first.
 */
export function sendResponse(id: number, response: Response, send: ReplySender): () => void {
  const hasBody = response.body !== null && !NULL_BODY_STATUS.has(response.status);
  const head: WireResponseHead = {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    hasBody,
  };
  if (!hasBody) {
    send({ kind: "response", id, head });
    return () => undefined;
  }
  if (!isStreamed(response)) return sendWhole(id, head, response, send);
  send({ kind: "head", id, head });
  const reader = response.body!.getReader();
  let cancelled = false;
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || cancelled) break;
        send({ kind: "chunk", id, bytes: value });
      }
      if (!cancelled) send({ kind: "end", id });
    } catch (error) {
      if (!cancelled) send({ kind: "end", id, error: toWireError(error) });
    }
  })();
  return () => {
    cancelled = true;
    reader.cancel().catch(() => undefined);
  };
}

function sendWhole(id: number, head: WireResponseHead, response: Response, send: ReplySender): () => void {
  let cancelled = false;
  response.arrayBuffer().then(
    (body) => {
      if (!cancelled) send({ kind: "response", id, head, body }, [body]);
    },
    (error) => {
      if (!cancelled) send({ kind: "failure", id, error: toWireError(error) });
    },
  );
  return () => {
    cancelled = true;
  };
}

/** How a Calls end builds its Responses. */
export interface ResponseOptions {
  /** Set on every Response as it is built (the service worker's CORS headers). */
  extraHeaders?: Record<string, string>;
  /**
   * Hands whole bodies over as a one-chunk stream. A service worker's answer reaches the
   * page through a data pipe when its body is a stream; a buffer is turned into a blob
   * first, which costs a round trip through the browser process (about 1 ms per call).
   */
  bodyAsStream?: boolean;
}

/** A body already in hand, as a stream of one chunk. */
export function streamOf(bytes: ArrayBuffer): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
}

/** The one Response for a reply, with `extraHeaders` (CORS) set on it. */
export function toResponse(head: WireResponseHead, body: BodyInit | null, extraHeaders?: Record<string, string>): Response {
  const headers = new Headers(head.headers);
  if (extraHeaders) for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, value);
  return new Response(body, { status: head.status, statusText: head.statusText, headers });
}

/** Builds the Response of a `response` reply, or a streaming one from `head`/`chunk`/`end` replies as they arrive. */
export class ResponseAssembler {
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  constructor(
    private readonly resolve: (response: Response) => void,
    private readonly onCancel: () => void,
    private readonly options: ResponseOptions = {},
  ) {}

  /** Feeds one reply; true when it was the last one. */
  accept(reply: Reply): boolean {
    switch (reply.kind) {
      case "response": {
        const { body, head } = reply;
        const bodyInit = head.hasBody && body ? (this.options.bodyAsStream ? streamOf(body) : body) : null;
        this.resolve(toResponse(head, bodyInit, this.options.extraHeaders));
        return true;
      }
      case "head": {
        const body = reply.head.hasBody
          ? new ReadableStream<Uint8Array>({
              start: (controller) => void (this.controller = controller),
              cancel: () => {
                this.controller = undefined;
                this.onCancel();
              },
            })
          : null;
        this.resolve(toResponse(reply.head, body, this.options.extraHeaders));
        return false;
      }
      case "chunk":
        this.controller?.enqueue(reply.bytes);
        return false;
      case "end":
        try {
          if (reply.error) this.controller?.error(fromWireError(reply.error));
          else this.controller?.close();
        } catch {
          // The reader already went away.
        }
        return true;
      default:
        return true;
    }
  }

  /** Ends a body that was cut off (the backend went away). */
  abort(error: Error): void {
    try {
      this.controller?.error(error);
    } catch {
      // Already closed.
    }
  }
}

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

/**
 * Sends a response as `head`, `chunk`s and `end`. Returns a function that cancels the
 * body, for when the caller goes away mid-stream.
 */
export function sendResponse(id: number, response: Response, send: (reply: Reply) => void): () => void {
  const hasBody = response.body !== null && !NULL_BODY_STATUS.has(response.status);
  const head: WireResponseHead = {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    hasBody,
  };
  send({ kind: "head", id, head });
  if (!hasBody) {
    send({ kind: "end", id });
    return () => undefined;
  }
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

/** Builds a streaming Response from `head`/`chunk`/`end` replies as they arrive. */
export class ResponseAssembler {
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;

  constructor(
    private readonly resolve: (response: Response) => void,
    private readonly onCancel: () => void,
  ) {}

  /** Feeds one reply; true when it was the last one. */
  accept(reply: Reply): boolean {
    switch (reply.kind) {
      case "head": {
        const { status, statusText, headers, hasBody } = reply.head;
        const body = hasBody
          ? new ReadableStream<Uint8Array>({
              start: (controller) => void (this.controller = controller),
              cancel: () => {
                this.controller = undefined;
                this.onCancel();
              },
            })
          : null;
        this.resolve(new Response(body, { status, statusText, headers }));
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

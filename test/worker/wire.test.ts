import { describe, expect, it } from "vitest";

import { Calls } from "../../src/worker/calls.ts";
import type { BackendHost } from "../../src/worker/host.ts";
import type { Reply } from "../../src/worker/protocol.ts";
import { CallServer, servePort } from "../../src/worker/serve.ts";
import { ResponseAssembler, sendResponse } from "../../src/worker/wire.ts";

/** Runs sendResponse and collects what it sends, with the transfer lists. */
async function sent(response: Response, until = (replies: Reply[]) => replies.some((r) => r.kind !== "head" && r.kind !== "chunk")) {
  const replies: Reply[] = [];
  const transfers: Transferable[][] = [];
  sendResponse(7, response, (reply, transfer) => {
    replies.push(reply);
    transfers.push(transfer ?? []);
  });
  for (let i = 0; i < 100 && !until(replies); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return { replies, transfers };
}

function sseResponse(): { response: Response; write: (text: string) => void; close: () => void; cancelled: Promise<void> } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: () => onCancel() });
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    write: (text) => controller.enqueue(new TextEncoder().encode(text)),
    close: () => controller.close(),
    cancelled,
  };
}

describe("the wire format of responses", () => {
  it("sends a whole response as one message, its body transferred", async () => {
    const { replies, transfers } = await sent(new Response(JSON.stringify({ ok: 1 }), { status: 201, headers: { "content-type": "application/json" } }));
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect(reply).toMatchObject({ kind: "response", id: 7, head: { status: 201, hasBody: true } });
    const body = (reply as { body: ArrayBuffer }).body;
    expect(transfers[0]).toEqual([body]);
    expect(new TextDecoder().decode(body)).toBe('{"ok":1}');
    expect(new Map((reply as { head: { headers: [string, string][] } }).head.headers).get("content-type")).toBe("application/json");
  });

  it("sends a null-body status as one message without a body", async () => {
    const { replies } = await sent(new Response(null, { status: 204 }));
    expect(replies).toEqual([{ kind: "response", id: 7, head: { status: 204, statusText: "", headers: [], hasBody: false } }]);
  });

  it("streams an event stream as head, chunks and end, as it is written", async () => {
    const stream = sseResponse();
    const replies: Reply[] = [];
    const stop = sendResponse(3, stream.response, (reply) => replies.push(reply));
    stream.write("data: one\n\n");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies.map((r) => r.kind)).toEqual(["head", "chunk"]);
    stream.write("data: two\n\n");
    stream.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies.map((r) => r.kind)).toEqual(["head", "chunk", "chunk", "end"]);
    stop();
  });

  it("stops reading a stream when the caller goes away", async () => {
    const stream = sseResponse();
    const stop = sendResponse(3, stream.response, () => undefined);
    stop();
    await stream.cancelled;
  });

  it.each([false, true])("builds one Response from a whole reply, with the caller's extra headers set on it (body as a stream: %s)", async (bodyAsStream) => {
    let built: Response | undefined;
    const assembler = new ResponseAssembler(
      (response) => (built = response),
      () => undefined,
      { extraHeaders: { "access-control-allow-origin": "*" }, bodyAsStream },
    );
    const body = new TextEncoder().encode("[1,2]").buffer;
    const last = assembler.accept({ kind: "response", id: 1, head: { status: 200, statusText: "OK", headers: [["content-type", "application/json"]], hasBody: true }, body });
    expect(last).toBe(true);
    expect(built!.status).toBe(200);
    expect(built!.headers.get("access-control-allow-origin")).toBe("*");
    expect(built!.headers.get("content-type")).toBe("application/json");
    expect(await built!.json()).toEqual([1, 2]);
  });
});

describe("a direct channel (MessagePort) between a caller and the server", () => {
  /** A host whose client API echoes the request and can stream an event stream. */
  function echoHost(): BackendHost {
    return {
      fetch: async (request: Request) => {
        if (new URL(request.url).pathname.endsWith("/watch")) return sseResponse().response;
        return Response.json({ method: request.method, body: request.body ? await request.text() : null });
      },
    } as unknown as BackendHost;
  }

  function connect() {
    const channel = new MessageChannel();
    servePort(new CallServer(echoHost()), channel.port1, "test");
    const calls = new Calls((message, transfer) => channel.port2.postMessage(message, transfer ?? []));
    channel.port2.onmessage = (event: MessageEvent<Reply>) => calls.accept(event.data);
    return { calls, close: () => (channel.port1.close(), channel.port2.close()) };
  }

  it("carries a request with its body and answers it whole", async () => {
    const { calls, close } = connect();
    const response = await calls.fetch(new Request("https://realm.mongodb.com/x", { method: "POST", body: '{"a":1}' }), "client", { vary: "Origin" });
    expect(response.headers.get("vary")).toBe("Origin");
    expect(await response.json()).toEqual({ method: "POST", body: '{"a":1}' });
    expect(calls.size).toBe(0);
    close();
  });

  it("keeps a stream open and cancels it on the server when the reader stops", async () => {
    const { calls, close } = connect();
    const response = await calls.fetch(new Request("https://realm.mongodb.com/watch"));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(calls.size).toBe(1);
    await response.body!.cancel();
    expect(calls.size).toBe(0);
    close();
  });
});

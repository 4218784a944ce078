/** The serving end of the protocol: runs calls against the host and sends their replies. */
import type { BackendHost } from "./host.ts";
import { isTerminal, type Call, type PortMessage } from "./protocol.ts";
import { fromWireRequest, sendResponse, toWireError, type ReplySender } from "./wire.ts";

export class CallServer {
  /** Open calls by caller and id, with what stops them. */
  private readonly open = new Map<string, () => void>();

  constructor(private readonly host: BackendHost) {}

  serve(caller: string, id: number, call: Call, send: ReplySender): void {
    const key = `${caller}#${id}`;
    const abort = new AbortController();
    this.open.set(key, () => abort.abort());
    const reply: ReplySender = (message, transfer) => {
      if (isTerminal(message)) this.open.delete(key);
      send(message, transfer);
    };
    this.run(id, call, abort, reply).catch((error) => reply({ kind: "failure", id, error: toWireError(error) }));
  }

  cancel(caller: string, id: number): void {
    const key = `${caller}#${id}`;
    this.open.get(key)?.();
    this.open.delete(key);
  }

  /** Stops every call of a caller that went away. */
  forget(caller: string): void {
    for (const [key, stop] of this.open) {
      if (key.startsWith(`${caller}#`)) {
        stop();
        this.open.delete(key);
      }
    }
  }

  private async run(id: number, call: Call, abort: AbortController, reply: ReplySender): Promise<void> {
    const { host } = this;
    switch (call.op) {
      case "fetch": {
        const request = fromWireRequest(call.request, abort.signal);
        const response = await (call.api === "admin" ? host.admin(request) : host.fetch(request));
        if (abort.signal.aborted) {
          await response.body?.cancel().catch(() => undefined);
          return;
        }
        const stop = sendResponse(id, response, reply);
        abort.signal.addEventListener("abort", stop);
        return;
      }
      case "status":
        return reply({ kind: "result", id, value: await host.status() });
      case "export":
        return reply({ kind: "result", id, value: await host.exportText() });
      case "import":
        await host.importText(call.text);
        return reply({ kind: "result", id, value: await host.status() });
      case "reset":
        await host.reset();
        return reply({ kind: "result", id, value: await host.status() });
    }
  }
}

/**
 * Serves the calls of a direct channel (the service worker's MessagePort) until the
 * channel's other end goes away.
 */
export function servePort(server: CallServer, port: MessagePort, caller: string): void {
  port.onmessage = (event: MessageEvent<PortMessage>) => {
    const message = event.data;
    if (message.kind === "call") server.serve(caller, message.id, message.call, (reply, transfer) => port.postMessage(reply, transfer ?? []));
    else if (message.kind === "cancel") server.cancel(caller, message.id);
  };
  // Where the browser tells (a `close` event), streams to a service worker that stopped end.
  port.addEventListener("close", () => server.forget(caller));
}

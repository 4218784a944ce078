/** The serving end of the protocol: runs calls against the host and sends their replies. */
import type { BackendHost } from "./host.ts";
import { isTerminal, type Call, type Reply } from "./protocol.ts";
import { fromWireRequest, sendResponse, toWireError } from "./wire.ts";

export class CallServer {
  /** Open calls by caller and id, with what stops them. */
  private readonly open = new Map<string, () => void>();

  constructor(private readonly host: BackendHost) {}

  serve(caller: string, id: number, call: Call, send: (reply: Reply) => void): void {
    const key = `${caller}#${id}`;
    const abort = new AbortController();
    this.open.set(key, () => abort.abort());
    const reply = (message: Reply) => {
      if (isTerminal(message)) this.open.delete(key);
      send(message);
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

  private async run(id: number, call: Call, abort: AbortController, reply: (message: Reply) => void): Promise<void> {
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

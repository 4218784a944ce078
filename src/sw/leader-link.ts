/**
 * The service worker's line to the tab Worker that leads the sandbox. The bus finds the
 * leader and says when it changes; calls go over a direct channel (a MessagePort the
 * leader hands out through its page), and over the bus until that channel arrives.
 */
import { Calls } from "../worker/calls.ts";
import { sandboxKey, type BusMessage, type LeaderPortMessage, type Reply } from "../worker/protocol.ts";

/** How long a request waits for a tab to start the backend before it fails. */
const LEADER_WAIT_MS = 15_000;

/** What a call in flight answers when the tab serving it closed (the sandbox answers 503). */
export const BACKEND_TAB_CLOSED = "the sandbox's backend tab closed; retry";

interface DirectChannel {
  leader: string;
  port: MessagePort;
  calls: Calls;
}

export class LeaderLink {
  private readonly id = crypto.randomUUID();
  private readonly bus: BroadcastChannel;
  /** Calls sent over the bus, to the leader of when they were sent. */
  private readonly busCalls: Calls;
  private direct: DirectChannel | undefined;
  private leader: string | undefined;
  /** The leader last asked for a direct channel, so it is asked once. */
  private askedForPort: string | undefined;
  private waiting: (() => void)[] = [];

  constructor(basePath: string) {
    this.bus = new BroadcastChannel(sandboxKey(basePath));
    this.busCalls = new Calls((message) => this.post({ ...message, from: this.id, to: this.leader! }), { bodyAsStream: true });
    this.bus.addEventListener("message", (event: MessageEvent<BusMessage>) => {
      const message = event.data;
      if (message.kind === "leader" && message.leader !== this.leader) this.follow(message.leader);
      else if (message.kind === "reply" && message.to === this.id) this.busCalls.accept(message.reply);
    });
  }

  /**
   * Answers a client API request from the leader.
   * @param extraHeaders set on the Response as it is built (CORS), so it is built once
   */
  async fetch(request: Request, extraHeaders?: Record<string, string>): Promise<Response> {
    if (!this.leader) await this.findLeader();
    const direct = this.direct;
    const calls = direct && direct.leader === this.leader ? direct.calls : this.busCalls;
    return calls.fetch(request, "client", extraHeaders);
  }

  /** Takes the direct channel a page passed on from the leader; one from a former leader is closed. */
  adoptPort(message: LeaderPortMessage, port: MessagePort | undefined): void {
    if (!port) return;
    if (message.leader !== this.leader || this.direct?.leader === message.leader) {
      port.close();
      return;
    }
    const calls = new Calls((call, transfer) => port.postMessage(call, transfer ?? []), { bodyAsStream: true });
    port.onmessage = (event: MessageEvent<Reply>) => calls.accept(event.data);
    this.direct = { leader: message.leader, port, calls };
  }

  /** A new leader: calls in flight to the former one fail at once (they may or may not have run). */
  private follow(leader: string): void {
    const closed = () => new Error(BACKEND_TAB_CLOSED);
    if (this.leader) this.busCalls.failAll(closed());
    if (this.direct) {
      this.direct.calls.failAll(closed());
      this.direct.port.close();
      this.direct = undefined;
    }
    this.leader = leader;
    if (this.askedForPort !== leader) {
      this.askedForPort = leader;
      this.post({ kind: "port-wanted", from: this.id, to: leader });
    }
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private findLeader(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== done);
        reject(new Error("no open tab runs the sandbox backend: open the sandbox page, then try again"));
      }, LEADER_WAIT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiting.push(done);
      this.post({ kind: "who-leads", from: this.id });
    });
  }

  private post(message: BusMessage): void {
    this.bus.postMessage(message);
  }
}

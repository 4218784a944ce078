/**
 * One tab's backend Worker among the tabs of the same sandbox. The Worker holding the
 * sandbox's Web Lock leads: it alone opens the database and runs triggers, and serves
 * every tab over the bus, and the service worker over a direct channel it asks for on
 * the bus (the bus too while that channel is on its way). The others relay their
 * page's calls to it, and the next in line takes over when the leading tab closes.
 */
import type { BackendHost } from "./host.ts";
import {
  isTerminal,
  sandboxKey,
  type BackendConfig,
  type BackendEvent,
  type BusMessage,
  type Call,
  type PageMessage,
  type Problem,
  type Role,
  type WorkerMessage,
} from "./protocol.ts";
import { CallServer, servePort } from "./serve.ts";

export interface Bus {
  postMessage(message: BusMessage): void;
  addEventListener(type: "message", listener: (event: MessageEvent<BusMessage>) => void): void;
}

export interface CoordinatorOptions {
  id: string;
  config: BackendConfig;
  /** Posts to this tab's page, transferring `transfer` (bodies, ports). */
  toPage: (message: WorkerMessage, transfer?: Transferable[]) => void;
  bus: Bus;
  /** Absent where the Web Locks API is missing: then every tab leads on its own. */
  locks: LockManager | undefined;
  createHost: (problems: Problem[]) => BackendHost;
}

const PAGE = "page";

export class BackendCoordinator {
  private role: Role = "follower";
  private leader: string | undefined;
  private server: CallServer | undefined;
  private host: BackendHost | undefined;
  /** Page calls waiting for a leader to be known. */
  private readonly queued: { id: number; call: Call }[] = [];
  /** Page calls sent to a leader, by id, with the leader they went to. */
  private readonly forwarded = new Map<number, string>();

  constructor(private readonly options: CoordinatorOptions) {
    options.bus.addEventListener("message", (event) => this.fromBus(event.data));
    const { locks, config } = options;
    if (locks) {
      // The callback's promise never settles: the lock is held until this Worker ends.
      void locks.request(sandboxKey(config.basePath), () => this.lead([]));
      this.post({ kind: "who-leads", from: options.id });
    } else {
      void this.lead([
        {
          kind: "no-web-locks",
          message: "This browser lacks the Web Locks API, so each tab runs its own backend: keep the sandbox open in one tab only.",
        },
      ]);
    }
    this.toPage({ kind: "event", event: { type: "role", role: this.role } });
  }

  fromPage(message: PageMessage): void {
    if (message.kind === "call") {
      if (this.server) this.server.serve(PAGE, message.id, message.call, (reply, transfer) => this.toPage(reply, transfer));
      else if (this.leader) this.forward(message.id, message.call);
      else this.queued.push({ id: message.id, call: message.call });
    } else if (message.kind === "cancel") {
      if (this.server) return this.server.cancel(PAGE, message.id);
      const leader = this.forwarded.get(message.id);
      this.forwarded.delete(message.id);
      if (leader) this.post({ kind: "cancel", from: this.options.id, to: leader, id: message.id });
    }
  }

  private fromBus(message: BusMessage): void {
    const { id } = this.options;
    switch (message.kind) {
      case "leader":
        if (this.role === "follower") this.follow(message.leader);
        return;
      case "who-leads":
        if (this.role === "leader") this.post({ kind: "leader", leader: id });
        return;
      case "port-wanted":
        if (message.to === id && this.server) this.handOutPort(message.from);
        return;
      case "call":
        if (message.to === id) this.server?.serve(message.from, message.id, message.call, (reply) => this.post({ kind: "reply", to: message.from, reply }));
        return;
      case "cancel":
        if (message.to === id) this.server?.cancel(message.from, message.id);
        return;
      case "reply":
        if (message.to !== id) return;
        if (isTerminal(message.reply)) this.forwarded.delete(message.reply.id);
        this.toPage(message.reply, message.reply.kind === "response" && message.reply.body ? [message.reply.body] : []);
        return;
      case "event":
        if (this.role === "follower") this.toPage({ kind: "event", event: message.event });
        return;
    }
  }

  private follow(leader: string): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.dropForwarded(leader);
    for (const { id, call } of this.queued.splice(0)) this.forward(id, call);
  }

  private forward(id: number, call: Call): void {
    this.forwarded.set(id, this.leader!);
    this.post({ kind: "call", from: this.options.id, to: this.leader!, id, call });
  }

  /** Calls that went to a leader which is gone fail: they may or may not have run. */
  private dropForwarded(current: string): void {
    for (const [id, leader] of this.forwarded) {
      if (leader === current) continue;
      this.forwarded.delete(id);
      this.toPage({
        kind: "failure",
        id,
        error: { name: "BackendMoved", message: "the tab that served the sandbox backend closed during this request; try again" },
      });
    }
  }

  private lead(problems: Problem[]): Promise<never> {
    const { id } = this.options;
    this.role = "leader";
    this.leader = id;
    this.host = this.options.createHost(problems);
    this.server = new CallServer(this.host);
    this.host.onChange(() => this.publishStatus());
    this.toPage({ kind: "event", event: { type: "role", role: "leader" } });
    this.post({ kind: "leader", leader: id });
    this.dropForwarded(id);
    for (const { id: callId, call } of this.queued.splice(0)) this.fromPage({ kind: "call", id: callId, call });
    void this.host.ready().then(() => this.publishStatus());
    return new Promise<never>(() => undefined);
  }

  /**
   * A direct channel for the service worker: this Worker serves one end, and its page
   * passes the other to the service worker (only a page can post to it).
   */
  private handOutPort(serviceWorker: string): void {
    const channel = new MessageChannel();
    servePort(this.server!, channel.port1, `service-worker:${serviceWorker}:${crypto.randomUUID()}`);
    this.toPage({ kind: "service-worker-port", leader: this.options.id, port: channel.port2 }, [channel.port2]);
  }

  private publishStatus(): void {
    this.host
      ?.status()
      .then((status) => {
        const event: BackendEvent = { type: "status", status };
        this.toPage({ kind: "event", event });
        this.post({ kind: "event", event });
      })
      // The sandbox is being replaced (import, reset); its successor publishes again.
      .catch(() => undefined);
  }

  private toPage(message: WorkerMessage, transfer?: Transferable[]): void {
    this.options.toPage(message, transfer);
  }

  private post(message: BusMessage): void {
    try {
      this.options.bus.postMessage(message);
    } catch {
      // A closed bus: this Worker is shutting down.
    }
  }
}

/** The service worker's line to the tab Worker that leads the sandbox, over the bus. */
import { Calls } from "../worker/calls.ts";
import { sandboxKey, type BusMessage } from "../worker/protocol.ts";

/** How long a request waits for a tab to start the backend before it fails. */
const LEADER_WAIT_MS = 15_000;

export class LeaderLink {
  private readonly id = crypto.randomUUID();
  private readonly bus: BroadcastChannel;
  private readonly calls: Calls;
  private leader: string | undefined;
  private waiting: (() => void)[] = [];

  constructor(basePath: string) {
    this.bus = new BroadcastChannel(sandboxKey(basePath));
    this.calls = new Calls((message) => this.post({ ...message, from: this.id, to: this.leader! }));
    this.bus.addEventListener("message", (event: MessageEvent<BusMessage>) => {
      const message = event.data;
      if (message.kind === "leader" && message.leader !== this.leader) {
        if (this.leader) this.calls.failAll(new Error("the tab that served the sandbox backend closed during this request; try again"));
        this.leader = message.leader;
        for (const resolve of this.waiting.splice(0)) resolve();
      } else if (message.kind === "reply" && message.to === this.id) {
        this.calls.accept(message.reply);
      }
    });
  }

  async fetch(request: Request): Promise<Response> {
    if (!this.leader) await this.findLeader();
    return this.calls.fetch(request);
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

import { createContext } from "@lit/context";
import type { ReactiveController, ReactiveControllerHost } from "lit";

import type { ConsoleState, ConsoleStore } from "./console-store.ts";

/** The console store, provided by the shell to every screen below it. */
export const storeContext = createContext<ConsoleStore>(Symbol("console-store"));

/** Re-renders its host whenever the console state changes. */
export class StateController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => ConsoleStore | undefined,
  ) {
    host.addController(this);
  }

  get state(): ConsoleState | undefined {
    return this.store()?.state;
  }

  hostConnected(): void {
    this.unsubscribe = this.store()?.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

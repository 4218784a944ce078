import type { RequestUser } from "../services/request-context.ts";

/** An authentication event, in the shape authentication triggers receive. */
export interface AuthEvent {
  operationType: "CREATE" | "LOGIN" | "DELETE";
  providers: string[];
  user: RequestUser & Record<string, unknown>;
  time: Date;
}

export interface AppEventMap {
  auth: AuthEvent;
}

type Listener<T> = (event: T) => void;

/** In-process events between layers (auth → triggers) without either importing the other. */
export class AppEvents {
  private readonly listeners: { [K in keyof AppEventMap]?: Set<Listener<AppEventMap[K]>> } = {};

  on<K extends keyof AppEventMap>(type: K, listener: Listener<AppEventMap[K]>): () => void {
    const set = (this.listeners[type] ??= new Set()) as Set<Listener<AppEventMap[K]>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof AppEventMap>(type: K, event: AppEventMap[K]): void {
    for (const listener of this.listeners[type] ?? []) {
      try {
        listener(event);
      } catch {
        // One listener's failure must not stop the others or the emitter.
      }
    }
  }
}

/* eslint-disable */
/**
 * Timers for one call. Function code gets plain numbers, never the host's timer objects
 * (Node's carry methods and a prototype shared by the whole worker), and whatever the
 * call left scheduled is cleared when it returns, so nothing of it runs during a later
 * call. An error thrown from a callback fails the call that scheduled it.
 *
 * Sent to runners as source text, so it stays self-contained.
 */
export function createCallTimers(onError: (error: unknown) => void): { globals: Record<string, Function>; dispose(): void } {
  // Called as plain functions: browsers refuse a `this` other than the global object.
  const hostSetTimeout = globalThis.setTimeout;
  const hostSetInterval = globalThis.setInterval;
  const hostClear = globalThis.clearTimeout;
  const hostMicrotask = globalThis.queueMicrotask;
  const handles = new Map<number, unknown>();
  let nextId = 1;
  let disposed = false;

  const run = (callback: Function, args: unknown[]) => {
    if (disposed) return;
    try {
      Reflect.apply(callback, undefined, args);
    } catch (error) {
      onError(error);
    }
  };
  const schedule = (repeat: boolean) =>
    function (callback: unknown, delay?: unknown, ...args: unknown[]): number {
      if (typeof callback !== "function") throw new TypeError(`${repeat ? "setInterval" : "setTimeout"} needs a function to call`);
      if (disposed) return 0;
      const id = nextId++;
      const fire = () => {
        if (!repeat) handles.delete(id);
        run(callback, args);
      };
      handles.set(id, (repeat ? hostSetInterval : hostSetTimeout)(fire, Number(delay) || 0));
      return id;
    };
  const clear = (id: unknown) => {
    const handle = handles.get(id as number);
    if (handle === undefined) return;
    handles.delete(id as number);
    hostClear(handle as any);
  };

  return {
    globals: {
      setTimeout: schedule(false),
      setInterval: schedule(true),
      clearTimeout: clear,
      clearInterval: clear,
      queueMicrotask: (callback: unknown) => {
        if (typeof callback !== "function") throw new TypeError("queueMicrotask needs a function to call");
        hostMicrotask(() => run(callback, []));
      },
    },
    dispose() {
      disposed = true;
      for (const handle of handles.values()) hostClear(handle as any);
      handles.clear();
    },
  };
}

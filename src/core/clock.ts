/** Milliseconds since the epoch; injected everywhere time matters so tests stay deterministic. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

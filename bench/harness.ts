/** A measured ratio: the sandbox path against a raw baseline timed in the same run. */
export interface BenchResult {
  name: string;
  baselineMs: number;
  measuredMs: number;
  /** Goal for measured / baseline. */
  goal: number;
  /** Extra figures worth printing (counts, sizes). */
  notes?: string;
}

/** Median wall time of `runs` calls, after `warmup` untimed calls. */
export async function timeMedian(fn: () => unknown, runs = 5, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function formatResult(result: BenchResult): string {
  const ratio = result.measuredMs / result.baselineMs;
  const verdict = ratio <= result.goal ? "ok" : "OVER GOAL";
  const line =
    `${result.name.padEnd(58)} ${result.measuredMs.toFixed(2).padStart(9)} ms vs ${result.baselineMs.toFixed(2).padStart(9)} ms ` +
    `ratio ${ratio.toFixed(2).padStart(5)} (goal ≤ ${result.goal}) ${verdict}`;
  return result.notes ? `${line}\n    ${result.notes}` : line;
}

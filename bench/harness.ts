/** A measured figure: most are ratios against a raw baseline timed in the same run. */
export interface BenchResult {
  name: string;
  /** The raw baseline; absent for an absolute figure, whose goal is then in milliseconds. */
  baselineMs?: number;
  measuredMs: number;
  /** Goal for measured / baseline, or for measured in ms when there is no baseline. */
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

/** The figure compared with its goal: a ratio, or milliseconds for an absolute figure. */
export function figure(result: BenchResult): number {
  return result.baselineMs === undefined ? result.measuredMs : result.measuredMs / result.baselineMs;
}

export function isOverGoal(result: BenchResult): boolean {
  return figure(result) > result.goal;
}

export function formatResult(result: BenchResult): string {
  const verdict = isOverGoal(result) ? "OVER GOAL" : "ok";
  const measured = `${result.name.padEnd(58)} ${result.measuredMs.toFixed(2).padStart(9)} ms`;
  const line =
    result.baselineMs === undefined
      ? `${measured}${" ".repeat(16)} ${Number.isFinite(result.goal) ? `(goal ≤ ${result.goal} ms) ${verdict}` : "(no goal)"}`
      : `${measured} vs ${result.baselineMs.toFixed(2).padStart(9)} ms ratio ${figure(result).toFixed(2).padStart(5)} (goal ≤ ${result.goal}) ${verdict}`;
  return result.notes ? `${line}\n    ${result.notes}` : line;
}

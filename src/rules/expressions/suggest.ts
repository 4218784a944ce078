/**
 * "did you mean" for typos in operator and expansion names: a case-insensitive match,
 * else the same name with the other prefix (`%nor` → `$nor`), else the closest known
 * name within one edit (two for names of eight characters or more).
 */
export function suggest(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = name.length < 8 ? 2 : 3;
  for (const candidate of known) {
    const distance =
      candidate.toLowerCase() === name.toLowerCase() ? 0 : candidate.slice(1) === name.slice(1) ? 0.5 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? "" : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

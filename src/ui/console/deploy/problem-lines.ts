/**
 * Where deploy's problems belong: by file, and on a line of that file when the message
 * gives one ("at line 4") or names a key of a JSON file (`roles[0].apply_when`).
 */
import { jsonLocations } from "../rules/json-lines.ts";

export interface Problem {
  path: string;
  message: string;
}

export interface PlacedProblem extends Problem {
  line?: number;
}

const AT_LINE = /\bline (\d+)\b/i;

export function placeProblem(problem: Problem, text: string | undefined): PlacedProblem {
  const stated = AT_LINE.exec(problem.message);
  if (stated) return { ...problem, line: Number(stated[1]) };
  if (text === undefined || !problem.path.endsWith(".json")) return problem;
  let best = "";
  let line: number | undefined;
  for (const [location, at] of jsonLocations(text)) {
    if (location.length <= best.length) continue;
    if (problem.message.startsWith(location) || problem.message.includes(`"${location}"`) || problem.message.includes(`'${location}'`)) {
      best = location;
      line = at;
    }
  }
  return line === undefined ? problem : { ...problem, line };
}

/** Problems grouped by file, each placed on its line when known. */
export function problemsByFile(problems: readonly Problem[], textOf: (path: string) => string | undefined): Map<string, PlacedProblem[]> {
  const out = new Map<string, PlacedProblem[]>();
  for (const problem of problems) {
    const placed = placeProblem(problem, textOf(problem.path));
    out.set(problem.path, [...(out.get(problem.path) ?? []), placed]);
  }
  return out;
}

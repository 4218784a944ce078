/**
 * `npm run bench`: speed targets as ratios against raw baselines measured in the same
 * run: the Node suites over fake-indexeddb, then the browser suite in Chromium against
 * the production build. `npm run bench -- node` or `-- browser` runs one side; any other
 * argument picks the suites whose name contains it.
 */
import { formatResult, isOverGoal, type BenchResult } from "./harness.ts";

type Suite = { name: string; browser?: true; load: () => Promise<{ run: () => Promise<BenchResult[]> }> };

const SUITES: Suite[] = [
  { name: "storage and collection API", load: () => import("./storage.ts") },
  { name: "rules", load: () => import("./rules.ts") },
  { name: "GraphQL", load: () => import("./graphql.ts") },
  { name: "functions", load: () => import("./functions.ts") },
  { name: "browser (Chromium, production build)", browser: true, load: () => import("./browser/suite.ts") },
];

function picked(suite: Suite, only: string | undefined): boolean {
  if (!only) return true;
  if (only === "node") return !suite.browser;
  if (only === "browser") return suite.browser === true;
  return suite.name.includes(only);
}

const only = process.argv[2];
let over = 0;
for (const suite of SUITES) {
  if (!picked(suite, only)) continue;
  console.log(`# ${suite.name}`);
  const results = await (await suite.load()).run();
  for (const result of results) {
    console.log(formatResult(result));
    if (isOverGoal(result)) over++;
  }
}
console.log(over ? `${over} figure(s) over goal` : "all figures within goal");

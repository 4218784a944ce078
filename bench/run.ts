/**
 * `npm run bench`: speed targets as ratios against raw baselines measured in the same
 * run, in Node over fake-indexeddb. Each suite registers in SUITES.
 */
import { formatResult, type BenchResult } from "./harness.ts";

type Suite = { name: string; load: () => Promise<{ run: () => Promise<BenchResult[]> }> };

const SUITES: Suite[] = [
  { name: "storage and collection API", load: () => import("./storage.ts") },
  { name: "rules", load: () => import("./rules.ts") },
  { name: "GraphQL", load: () => import("./graphql.ts") },
  { name: "functions", load: () => import("./functions.ts") },
];

const only = process.argv[2];
let over = 0;
for (const suite of SUITES) {
  if (only && !suite.name.includes(only)) continue;
  console.log(`# ${suite.name}`);
  const results = await (await suite.load()).run();
  for (const result of results) {
    console.log(formatResult(result));
    if (result.measuredMs / result.baselineMs > result.goal) over++;
  }
}
console.log(over ? `${over} figure(s) over goal` : "all figures within goal");

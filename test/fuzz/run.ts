/**
 * `npm run fuzz`: the rules fuzzed at scale. Random rule sets, documents, users and
 * operations (every CRUD and aggregate path) run against the service and against the
 * plain model of the role semantics; every difference is printed with what replays it.
 *
 *   FUZZ_SEED=<n>   the run's seed (printed; random when unset)
 *   FUZZ_CASES=<n>  how many cases (default 10,000)
 *   FUZZ_SET=<n>    replay one rule set of the run, by its index
 */
import { emptyTally, formatMismatch, openService, runRuleSet } from "./rules/harness.ts";

const STEPS_PER_SET = 25;
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const cases = Number(process.env.FUZZ_CASES ?? 10_000);
const only = process.env.FUZZ_SET === undefined ? undefined : Number(process.env.FUZZ_SET);
if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases <= 0) throw new Error("FUZZ_SEED and FUZZ_CASES must be integers");

/** Each rule set's seed follows from the run's seed and the set's index. */
const setSeed = (index: number) => (seed + Math.imul(index, 0x9e3779b9)) >>> 0;

console.log(`rules fuzz: seed ${seed}, ${only === undefined ? `${cases} cases` : `rule set ${only} only`} (replay: FUZZ_SEED=${seed} npm run fuzz)`);
const started = performance.now();
const tally = emptyTally();
const sets = only === undefined ? Array.from({ length: Math.ceil(cases / STEPS_PER_SET) }, (_, i) => i) : [only];
let service = openService();
for (const index of sets) {
  // A fresh database now and then keeps fake-indexeddb's in-memory store small.
  if (index % 50 === 0) service = openService();
  const before = tally.mismatches.length;
  await runRuleSet(service, setSeed(index), Math.min(STEPS_PER_SET, cases - tally.cases), tally);
  for (const m of tally.mismatches.slice(before)) console.log(`\nrule set ${index} (FUZZ_SEED=${seed} FUZZ_SET=${index}):\n${formatMismatch(m)}`);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${tally.cases} cases in ${seconds} s, ${tally.mismatches.length} mismatch(es)`);
for (const [kind, outcomes] of Object.entries(tally.outcomes).sort()) {
  console.log(`  ${kind.padEnd(18)} ${Object.entries(outcomes).map(([o, n]) => `${o} ${n}`).join(", ")}`);
}
process.exitCode = tally.mismatches.length > 0 ? 1 : 0;

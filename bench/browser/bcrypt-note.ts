/** What the login's bcrypt cost buys, timed here in Node with the same library and cost. */
import bcrypt from "bcryptjs";

import { DEFAULT_BCRYPT_COST } from "../../src/auth/passwords.ts";

/** Median of three checks of a wrong password, after one untimed. */
function timeCompare(cost: number): number {
  const hash = bcrypt.hashSync("a prehashed password", cost);
  const times = [0, 1, 2, 3].map(() => {
    const start = performance.now();
    bcrypt.compareSync("a wrong guess", hash);
    return performance.now() - start;
  });
  return times.slice(1).sort((a, b) => a - b)[1];
}

export function bcryptNote(): string {
  const check = timeCompare(DEFAULT_BCRYPT_COST);
  const cheaper = timeCompare(DEFAULT_BCRYPT_COST - 2);
  return (
    `bcrypt cost ${DEFAULT_BCRYPT_COST} (kept): one password check takes ${check.toFixed(0)} ms of the login, so whoever holds an ` +
    `exported sandbox (it carries the hashes) pays that per guess, about ${Math.round(1000 / check)} guess(es) a second per core; ` +
    `cost ${DEFAULT_BCRYPT_COST - 2} would save ${(check - cheaper).toFixed(0)} ms a login and make guessing 4× cheaper`
  );
}

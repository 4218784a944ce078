import { expect } from "vitest";
import { isAppServicesError } from "../../src/core/app-services-error.ts";
import type { AppFiles, ConfigProblem } from "../../src/config/index.ts";
import { HAS_GOLDEN, readRealApp } from "../helpers/golden.ts";

/**
 * The Task Tracker backend as mongodb-university/realm-tutorial-backend exported it
 * (20210101), read from the shared golden corpus; empty when the corpus is absent, so
 * tests that use it skip (see HAS_GOLDEN).
 */
export function tutorialBackendExport(): AppFiles {
  return HAS_GOLDEN ? readRealApp("mongodb-university__realm-tutorial-backend__root") : {};
}

export { GOLDEN_SKIP_REASON, HAS_GOLDEN } from "../helpers/golden.ts";

/** Runs `fn`, expects an InvalidConfig error, and returns its structured problems. */
export function problemsOf(fn: () => unknown): { message: string; problems: ConfigProblem[] } {
  try {
    fn();
  } catch (error) {
    if (!isAppServicesError(error)) throw error;
    expect(error.code).toBe("InvalidConfig");
    return { message: error.message, problems: (error.details?.problems as ConfigProblem[]) ?? [] };
  }
  throw new Error("expected an InvalidConfig error");
}

export function edit(files: AppFiles, path: string, change: (value: any) => unknown): AppFiles {
  const value = JSON.parse(files[path]);
  const next = change(value);
  return { ...files, [path]: JSON.stringify(next === undefined ? value : next, null, 4) + "\n" };
}

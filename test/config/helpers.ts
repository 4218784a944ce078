import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { isAppServicesError } from "../../src/core/app-services-error.ts";
import type { AppFiles, ConfigProblem } from "../../src/config/index.ts";

/** Reads a fixture directory into an AppFiles map (paths with "/"). */
export function loadFixture(name: string): AppFiles {
  const root = join(import.meta.dirname, "fixtures", name);
  const files: AppFiles = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(root, full).split("\\").join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return files;
}

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

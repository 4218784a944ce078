/**
 * Golden data from public repositories lives outside the project, in ../shared/golden next
 * to the checkout; it is read from there and never copied in. A clone elsewhere has no such
 * folder, and the tests that need it report themselves skipped with a one-line reason.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

import { prepareImport } from "../../src/config/index.ts";
import type { AppFiles, AppModel } from "../../src/config/types.ts";

export const GOLDEN_DIR = join(import.meta.dirname, "../../../shared/golden");
const REAL_APPS_DIR = join(GOLDEN_DIR, "real-apps");

/** Why golden tests cannot run here, or undefined when the golden data is present. */
export function goldenMissing(path = GOLDEN_DIR): string | undefined {
  return existsSync(path) ? undefined : `golden data not found at ${path} (present only next to the workspace checkout)`;
}

export function readGolden(name: string): string {
  return readFileSync(join(GOLDEN_DIR, name), "utf8");
}

/** The folder names of the real exported apps, or none when the golden data is absent. */
export function realAppNames(): string[] {
  if (goldenMissing(REAL_APPS_DIR)) return [];
  return readdirSync(REAL_APPS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every file of an app directory, by its path inside the app with "/" separators. */
export function readAppDirectory(dir: string): AppFiles {
  const files: AppFiles = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path).split(sep).join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

export type Loaded = { model: AppModel } | { error: string };

/** A real app through the project's own import (normalize, convert, parse); a refusal is returned, not thrown. */
export function loadRealApp(name: string): Loaded {
  try {
    return { model: prepareImport(readAppDirectory(join(REAL_APPS_DIR, name)), {}, { sourceName: name }).model };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

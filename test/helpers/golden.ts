import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Golden data from public repositories stays in the workspace's shared folder and is
 * never copied into the project; tests that need it skip, saying why, when it is absent.
 */
export const GOLDEN_DIR = join(import.meta.dirname, "../../../shared/golden");
export const REAL_APPS_DIR = join(GOLDEN_DIR, "real-apps");
export const HAS_GOLDEN = existsSync(REAL_APPS_DIR);
export const GOLDEN_SKIP_REASON = `golden data not found at ${GOLDEN_DIR} (a clone outside its workspace): skipped`;

/** The real exported app directories, by folder name. */
export function realAppNames(): string[] {
  if (!HAS_GOLDEN) return [];
  return readdirSync(REAL_APPS_DIR)
    .filter((name) => statSync(join(REAL_APPS_DIR, name)).isDirectory())
    .sort();
}

/** A directory as the map of relative path → text an import takes. */
export function readDirectory(root: string): Record<string, string> {
  const files: Record<string, string> = {};
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

export function readRealApp(name: string): Record<string, string> {
  return readDirectory(join(REAL_APPS_DIR, name));
}

export function readGoldenText(name: string): string | undefined {
  const path = join(GOLDEN_DIR, name);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** Tutorials read from disk the way the page gets them through Vite: raw text per file. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { parseTutorial, type ParsedTutorial, type RawStep } from "../../src/tutorial/parse.ts";
import type { AppFileMap, StepCheck } from "../../src/tutorial/types.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The tutorials folder under test: TUTORIALS_DIR (relative to the repository, or absolute), else ./tutorials. */
export const TUTORIALS_DIR = resolve(ROOT, process.env.TUTORIALS_DIR ?? "tutorials");

/** Tutorial folders: those holding a tutorial.json. */
export function tutorialFolders(dir = TUTORIALS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, "tutorial.json")))
    .sort();
}

function filesUnder(dir: string, prefix = ""): AppFileMap {
  const files: AppFileMap = {};
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(path, "utf8");
  }
  return files;
}

export function readTutorial(folder: string, dir = TUTORIALS_DIR): ParsedTutorial {
  const base = join(dir, folder);
  const manifestPath = join(base, "tutorial.json");
  const steps: Record<string, RawStep> = {};
  for (const name of readdirSync(base).sort()) {
    const stepDir = join(base, name);
    if (!statSync(stepDir).isDirectory()) continue;
    const indexPath = join(stepDir, "index.md");
    steps[name] = {
      markdown: existsSync(indexPath) ? readFileSync(indexPath, "utf8") : undefined,
      start: existsSync(join(stepDir, "start")) ? filesUnder(join(stepDir, "start")) : undefined,
      solution: filesUnder(join(stepDir, "solution")),
    };
  }
  return parseTutorial(folder, existsSync(manifestPath) ? readFileSync(manifestPath, "utf8") : undefined, steps);
}

export function checkPath(folder: string, step: string, dir = TUTORIALS_DIR): string {
  return join(dir, folder, step, "check.ts");
}

export async function importCheck(folder: string, step: string, dir = TUTORIALS_DIR): Promise<StepCheck> {
  const module = (await import(pathToFileURL(checkPath(folder, step, dir)).href)) as { default?: unknown };
  if (typeof module.default !== "function") throw new Error(`${folder}/${step}/check.ts must export a check function as its default export`);
  return module.default as StepCheck;
}

/// <reference types="vite/client" />
/**
 * Tutorials for the page, through Vite's import.meta.glob. `@tutorials` is the tutorials
 * folder chosen at build time (vite.config.ts: TUTORIALS_DIR, default ./tutorials).
 * Only the manifests come with this module; a tutorial's prose, app files and checks are
 * separate chunks, fetched when that tutorial is opened.
 */
import { parseTutorial, type ParsedTutorial, type RawStep } from "./parse.ts";
import type { StepCheck, TutorialManifest } from "./types.ts";

const manifests = import.meta.glob<string>("@tutorials/*/tutorial.json", { eager: true, query: "?raw", import: "default" });
const markdown = import.meta.glob<string>("@tutorials/*/*/index.md", { query: "?raw", import: "default" });
const appFiles = import.meta.glob<string>(["@tutorials/*/*/start/**", "@tutorials/*/*/solution/**"], { query: "?raw", import: "default" });
const checks = import.meta.glob<StepCheck>("@tutorials/*/*/check.ts", { import: "default" });

/** `<tutorial>/<rest>` from a glob key, whatever prefix Vite gives the folder. */
function relative(key: string): string | undefined {
  for (const manifestKey of Object.keys(manifests)) {
    const prefix = manifestKey.replace(/[^/]+\/tutorial\.json$/, "");
    if (key.startsWith(prefix)) return key.slice(prefix.length);
  }
  return undefined;
}

function rank(manifest: TutorialManifest | undefined): number {
  return typeof manifest?.order === "number" ? manifest.order : Number.POSITIVE_INFINITY;
}

/** Every tutorial's manifest as written (unvalidated), by their `order`, then by folder. */
export function tutorialManifests(): { folder: string; manifest: TutorialManifest | undefined }[] {
  return Object.entries(manifests)
    .map(([key, text]) => {
      const folder = relative(key)?.split("/")[0] ?? key;
      try {
        return { folder, manifest: JSON.parse(text) as TutorialManifest };
      } catch {
        return { folder, manifest: undefined };
      }
    })
    .sort((a, b) => rank(a.manifest) - rank(b.manifest) || a.folder.localeCompare(b.folder));
}

/** Loads one tutorial's steps and app files and validates them; problems name the file at fault. */
export async function loadTutorial(folder: string): Promise<ParsedTutorial> {
  const manifestEntry = Object.entries(manifests).find(([key]) => relative(key) === `${folder}/tutorial.json`);
  const steps: Record<string, RawStep> = {};
  const stepOf = (name: string): RawStep => (steps[name] ??= { markdown: undefined, solution: {} });
  const loads: Promise<void>[] = [];
  for (const [key, load] of Object.entries(markdown)) {
    const [tutorial, step] = (relative(key) ?? "").split("/");
    if (tutorial === folder) loads.push(load().then((text) => void (stepOf(step).markdown = text)));
  }
  for (const [key, load] of Object.entries(appFiles)) {
    const parts = (relative(key) ?? "").split("/");
    if (parts[0] !== folder) continue;
    const [, step, kind, ...path] = parts;
    loads.push(
      load().then((text) => {
        const raw = stepOf(step);
        if (kind === "start") (raw.start ??= {})[path.join("/")] = text;
        else raw.solution[path.join("/")] = text;
      }),
    );
  }
  await Promise.all(loads);
  return parseTutorial(folder, manifestEntry?.[1], steps);
}

/** A step's check, loaded on first use. */
export async function loadCheck(folder: string, step: string): Promise<StepCheck | undefined> {
  const entry = Object.entries(checks).find(([key]) => relative(key) === `${folder}/${step}/check.ts`);
  return entry ? entry[1]() : undefined;
}

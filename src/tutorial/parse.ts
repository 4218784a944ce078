/**
 * A tutorial from its raw files (a manifest, each step's index.md and app files), the
 * same whether the page loads them through Vite or a Node test reads them from disk.
 */
import { FrontMatterError, parseFrontMatter, splitFrontMatter } from "./front-matter.ts";
import type { AppFileMap, Tutorial, TutorialStep } from "./types.ts";
import { STEP_FOLDER, validateManifest, validateStepMeta } from "./validate.ts";

export interface RawStep {
  /** index.md as written. */
  markdown: string | undefined;
  /** start/ files by app path, if the step has a start/ folder. */
  start?: AppFileMap;
  /** solution/ files by app path. */
  solution: AppFileMap;
}

export interface ParsedTutorial {
  tutorial: Tutorial | undefined;
  problems: string[];
}

export function parseStep(tutorialId: string, folder: string, raw: RawStep): { step: TutorialStep | undefined; problems: string[] } {
  const where = `${tutorialId}/${folder}/index.md`;
  if (raw.markdown === undefined) return { step: undefined, problems: [`${where}: missing`] };
  const { frontMatter, body } = splitFrontMatter(raw.markdown);
  if (frontMatter === undefined) return { step: undefined, problems: [`${where}: starts without front matter (a block between two --- lines)`] };
  let data: unknown;
  try {
    data = parseFrontMatter(frontMatter);
  } catch (error) {
    if (error instanceof FrontMatterError) return { step: undefined, problems: [`${where}: front matter ${error.message}`] };
    throw error;
  }
  const { value: meta, problems } = validateStepMeta(data, where);
  if (body.trim() === "") problems.push(`${where}: has no prose after the front matter`);
  const solution = raw.solution;
  if (meta) {
    meta.values.forEach((v, i) => {
      if (v.file !== undefined && solution[v.file] === undefined) problems.push(`${where}: values[${i}] points at ${v.file}, which is not in the step's solution/`);
    });
  }
  if (!meta || problems.length) return { step: undefined, problems };
  const match = STEP_FOLDER.exec(folder);
  return { step: { folder, id: match ? match[2] : folder, meta, body, start: raw.start, solution }, problems };
}

/** Validates the manifest and every step it lists; problems name the file at fault. */
export function parseTutorial(folder: string, manifestText: string | undefined, steps: Record<string, RawStep>): ParsedTutorial {
  if (manifestText === undefined) return { tutorial: undefined, problems: [`${folder}/tutorial.json: missing`] };
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch (error) {
    return { tutorial: undefined, problems: [`${folder}/tutorial.json: not valid JSON (${(error as Error).message})`] };
  }
  const { value: manifest, problems } = validateManifest(raw, folder);
  if (!manifest) return { tutorial: undefined, problems };
  const parsed: TutorialStep[] = [];
  for (const name of manifest.steps) {
    const rawStep = steps[name];
    if (!rawStep) {
      problems.push(`${folder}/${name}: listed in tutorial.json but there is no such folder`);
      continue;
    }
    const { step, problems: stepProblems } = parseStep(folder, name, rawStep);
    problems.push(...stepProblems);
    if (step) parsed.push(step);
  }
  for (const name of Object.keys(steps)) if (!manifest.steps.includes(name)) problems.push(`${folder}/${name}: a step folder that tutorial.json does not list`);
  return { tutorial: problems.length ? undefined : { manifest, steps: parsed }, problems };
}

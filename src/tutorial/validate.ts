/**
 * Checks a tutorial's manifest and a step's front matter against their shapes, with
 * problems that name the field, so an author sees every mistake at once.
 */
import { CONTROL_ROLES, type ControlRole, type CopyValue, type StepControl, type StepMeta, type TutorialManifest } from "./types.ts";

export interface Validated<T> {
  value: T | undefined;
  problems: string[];
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** `NN-step-id`: two digits, a dash, then lowercase words joined by dashes. */
export const STEP_FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** A console route as a link: `#/` then the screen's path. */
export const ROUTE = /^#\/[^\s#]*$/;

function unknownKeys(object: Obj, known: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(object)) if (!known.includes(key)) problems.push(`${where}: unknown field "${key}" (known: ${known.join(", ")})`);
}

export function validateManifest(raw: unknown, folder: string): Validated<TutorialManifest> {
  const where = `${folder}/tutorial.json`;
  const problems: string[] = [];
  if (!isObject(raw)) return { value: undefined, problems: [`${where}: must be a JSON object`] };
  unknownKeys(raw, ["id", "title", "summary", "audience", "estimatedMinutes", "order", "steps"], where, problems);
  for (const key of ["id", "title", "summary", "audience"] as const) if (!isText(raw[key])) problems.push(`${where}: "${key}" must be a non-empty string`);
  if (isText(raw.id) && raw.id !== folder) problems.push(`${where}: "id" is "${raw.id}" but the folder is "${folder}"; they must be the same`);
  if (typeof raw.estimatedMinutes !== "number" || !(raw.estimatedMinutes > 0)) problems.push(`${where}: "estimatedMinutes" must be a positive number`);
  if (raw.order !== undefined && typeof raw.order !== "number") problems.push(`${where}: "order" must be a number (lower comes first)`);
  if (!Array.isArray(raw.steps) || raw.steps.length === 0) problems.push(`${where}: "steps" must list the step folders in order`);
  else {
    raw.steps.forEach((step, i) => {
      if (typeof step !== "string" || !STEP_FOLDER.test(step)) problems.push(`${where}: steps[${i}] must be a folder name like "01-create-app", not ${JSON.stringify(step)}`);
      else if (Number(step.slice(0, 2)) !== i + 1) problems.push(`${where}: steps[${i}] is "${step}"; its number must be ${String(i + 1).padStart(2, "0")}`);
    });
    const ids = (raw.steps as unknown[]).filter((s): s is string => typeof s === "string").map((s) => s.slice(3));
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length) problems.push(`${where}: step ids must differ; repeated: ${[...new Set(twice)].join(", ")}`);
  }
  return { value: problems.length ? undefined : (raw as unknown as TutorialManifest), problems };
}

function validateControl(raw: unknown, where: string, problems: string[]): void {
  if (!isObject(raw)) return void problems.push(`${where}: must be a map with name, role and route`);
  unknownKeys(raw, ["name", "role", "route", "exact", "within", "after", "option"], where, problems);
  if (!isText(raw.name)) problems.push(`${where}: "name" must be the control's accessible name`);
  if (!CONTROL_ROLES.includes(raw.role as ControlRole)) problems.push(`${where}: "role" must be one of ${CONTROL_ROLES.join(", ")}`);
  if (typeof raw.route !== "string" || !ROUTE.test(raw.route)) problems.push(`${where}: "route" must be a console route like "#/schema"`);
  if (raw.exact !== undefined && typeof raw.exact !== "boolean") problems.push(`${where}: "exact" must be true or false`);
  if (raw.after !== undefined && !isText(raw.after)) problems.push(`${where}: "after" must name another control of the step`);
  if (raw.option !== undefined && (!isText(raw.option) || raw.role !== "combobox")) problems.push(`${where}: "option" is the label of an option of a combobox`);
  if (raw.within !== undefined) {
    const within = raw.within;
    if (!isObject(within) || !isText(within.name) || !CONTROL_ROLES.includes(within.role as ControlRole)) {
      problems.push(`${where}: "within" must have a "role" (${CONTROL_ROLES.join(", ")}) and a "name"`);
    }
  }
}

function validateValue(raw: unknown, where: string, problems: string[]): void {
  if (!isObject(raw)) return void problems.push(`${where}: must be a map with label and text (or file)`);
  unknownKeys(raw, ["label", "text", "file"], where, problems);
  if (!isText(raw.label)) problems.push(`${where}: "label" must say what the value is`);
  const hasText = typeof raw.text === "string" && raw.text !== "";
  const hasFile = isText(raw.file);
  if (hasText === hasFile) problems.push(`${where}: give either "text" or "file" (a file of the step's solution)`);
}

export function validateStepMeta(raw: unknown, where: string): Validated<StepMeta> {
  const problems: string[] = [];
  if (!isObject(raw)) return { value: undefined, problems: [`${where}: the front matter must be a map of fields`] };
  unknownKeys(raw, ["title", "route", "target", "hints", "values", "controls"], where, problems);
  if (!isText(raw.title)) problems.push(`${where}: "title" must be a non-empty string`);
  if (typeof raw.route !== "string" || !ROUTE.test(raw.route)) problems.push(`${where}: "route" must be a console route like "#/schema"`);
  if (raw.target !== "draft" && raw.target !== "deployed") problems.push(`${where}: "target" must be "draft" or "deployed"`);
  const lists: [string, (item: unknown, at: string) => void][] = [
    ["hints", (item, at) => void (isText(item) || problems.push(`${at}: a hint is a non-empty string`))],
    ["values", (item, at) => validateValue(item, at, problems)],
    ["controls", (item, at) => validateControl(item, at, problems)],
  ];
  for (const [key, check] of lists) {
    const list = raw[key] ?? [];
    if (!Array.isArray(list)) problems.push(`${where}: "${key}" must be a list`);
    else list.forEach((item, i) => check(item, `${where}: ${key}[${i}]`));
  }
  if (Array.isArray(raw.controls)) {
    const names = (raw.controls as unknown[]).filter(isObject).map((c) => c.name);
    (raw.controls as unknown[]).filter(isObject).forEach((c, i) => {
      if (c.after !== undefined && !names.includes(c.after)) problems.push(`${where}: controls[${i}] comes "after" "${String(c.after)}", which is not a control of this step`);
    });
  }
  if (problems.length) return { value: undefined, problems };
  const meta: StepMeta = {
    title: raw.title as string,
    route: raw.route as string,
    target: raw.target as StepMeta["target"],
    hints: (raw.hints ?? []) as string[],
    values: (raw.values ?? []) as CopyValue[],
    controls: (raw.controls ?? []) as StepControl[],
  };
  return { value: meta, problems };
}

/**
 * Tutorials as data: the shapes of a tutorial's manifest, its steps' metadata and the
 * snapshot a step's check reads. Pure types, safe for the page and for Node tests.
 */

/** App files as path → text, exactly as the console API's draft answers give them. */
export type AppFileMap = Record<string, string>;

/** What a check sees of the learner's sandbox. */
export interface TutorialSnapshot {
  /** The current app's draft. */
  draft: AppFileMap;
  /** The app's live version. */
  deployed: AppFileMap;
  users?: { email: string; confirmed: boolean }[];
  /** Documents by namespace ("tracker.tasks"), for steps that look at data. */
  documents?: Record<string, unknown[]>;
}

export interface CheckResult {
  ok: boolean;
  /** One sentence each: what is missing or wrong, naming the file, collection, role or field. */
  problems: string[];
}

/** A step's check module exports this as its default. */
export type StepCheck = (snapshot: TutorialSnapshot) => CheckResult;

/** tutorials/<id>/tutorial.json */
export interface TutorialManifest {
  id: string;
  title: string;
  /** One or two sentences for a list of tutorials. */
  summary: string;
  /** Who it is for and what they should know first. */
  audience: string;
  estimatedMinutes: number;
  /** Where it goes in a list of tutorials: lower first; tutorials without one come last, by folder. */
  order?: number;
  /** Step folder names (`NN-step-id`), in order. */
  steps: string[];
}

/** ARIA roles a step may name a control by (what Playwright's getByRole takes). */
export const CONTROL_ROLES = [
  "button",
  "link",
  "textbox",
  "combobox",
  "checkbox",
  "radio",
  "tab",
  "switch",
  "spinbutton",
  "searchbox",
  "option",
  "menuitem",
  "heading",
  "region",
  "navigation",
  "form",
  "dialog",
  "table",
  "row",
  "list",
] as const;
export type ControlRole = (typeof CONTROL_ROLES)[number];

/** A control the prose names, precise enough for a test to find it on its screen. */
export interface StepControl {
  /** The accessible name as the console shows it. */
  name: string;
  role: ControlRole;
  /** The console route it is on, e.g. `#/schema/tracker/tasks`. */
  route: string;
  /** false: the accessible name begins with `name` (radios and options that carry a description). Default true. */
  exact?: boolean;
  /** The landmark, form or dialog that holds it, when the name alone is not unique on the screen. */
  within?: { role: ControlRole; name: string };
  /**
   * Another control of this step to use first because it reveals this one: a button, link
   * or tab is clicked, a checkbox or radio checked, a combobox set to its `option`.
   */
  after?: string;
  /** For a combobox others come `after`: the option (its label) that reveals them. */
  option?: string;
}

/** A value the learner enters, shown with a copy button. */
export interface CopyValue {
  label: string;
  /** The text itself, or… */
  text?: string;
  /** …a file of the step's solution whose text is the value (a schema, a function). */
  file?: string;
}

export type StepTarget = "draft" | "deployed";

/** Front matter of a step's index.md. */
export interface StepMeta {
  title: string;
  /** The console route where the step happens, e.g. `#/schema`. */
  route: string;
  /** Whether the check reads the draft or the deployed app. */
  target: StepTarget;
  /** Shown one at a time, each more telling than the last. */
  hints: string[];
  values: CopyValue[];
  controls: StepControl[];
}

/** One step as loaded: metadata, prose and app states; the check loads on its own. */
export interface TutorialStep {
  /** The folder name, `NN-step-id`. */
  folder: string;
  /** The folder name without its number: the step's id in links. */
  id: string;
  meta: StepMeta;
  /** The prose in Markdown, without the front matter. */
  body: string;
  /** Files the step starts from, when it does not continue from the previous step. */
  start?: AppFileMap;
  /** Files the step adds or changes. */
  solution: AppFileMap;
}

export interface Tutorial {
  manifest: TutorialManifest;
  steps: TutorialStep[];
}

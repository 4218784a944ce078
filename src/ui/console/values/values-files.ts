/** Values as the app directory holds them: values/<name>.json with name, value and from_secret. */
import type { AppFiles } from "../../state/console-api.ts";
import { readJson } from "../../state/draft-files.ts";

export interface ValueEntry {
  /** The file, kept when editing (imported apps may name files differently). */
  path: string;
  name: string;
  value: unknown;
  fromSecret: boolean;
}

export const VALUE_NAME = /^[A-Za-z0-9_-]+$/;

export function listValues(files: AppFiles | undefined): ValueEntry[] {
  if (!files) return [];
  return Object.keys(files)
    .filter((p) => p.startsWith("values/") && p.endsWith(".json"))
    .map((path) => {
      const obj = readJson(files, path) ?? {};
      return { path, name: typeof obj.name === "string" ? obj.name : path.slice(7, -5), value: obj.value, fromSecret: obj.from_secret === true };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What is wrong with a value's name, or "" when it may be saved. */
export function valueNameProblem(name: string, values: ValueEntry[], editing: string | undefined): string {
  if (name === "") return "Give the value a name.";
  if (!VALUE_NAME.test(name)) return 'A value name may only use letters, digits, "_" and "-".';
  if (values.some((v) => v.name === name && v.path !== editing)) return `There is already a value named ${name}: pick another name or edit that one.`;
  return "";
}

/** A short, one-line view of a JSON value for the table. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Custom resolvers as the draft holds them (graphql/custom_resolvers/<name>.json), read
 * into a form and written back in the page. Unknown keys of a file are kept; deploy
 * checks the result again.
 */
import type { AppFiles } from "../../state/console-api.ts";

export const RESOLVERS_DIR = "graphql/custom_resolvers/";

export const FORMATS = ["scalar", "scalar-list", "generated", "generated-list", "custom"] as const;
export type TypeFormat = (typeof FORMATS)[number];

/** The scalars a resolver may take or return, as App Services named them. */
export const SCALARS = ["String", "Int", "Float", "Boolean", "ObjectId", "DateTime", "Long"] as const;

/** An input or payload: none, or a format with a type name (scalar, generated) or a JSON schema (custom). */
export interface TypeChoice {
  format: "" | TypeFormat;
  /** The scalar or generated type's name. */
  name: string;
  /** The custom type's JSON schema, as typed. */
  schema: string;
}

export interface ResolverForm {
  on_type: string;
  field_name: string;
  function_name: string;
  input: TypeChoice;
  payload: TypeChoice;
}

export interface ResolverItem {
  path: string;
  form: ResolverForm;
  /** The file as written, so keys the form does not show are kept. */
  raw: Record<string, unknown>;
}

export interface FieldProblem {
  /** The form field it belongs to; none: the whole resolver. */
  field?: "on_type" | "field_name" | "function_name" | "input" | "payload";
  message: string;
}

/** GraphQL's name syntax; names starting with "__" are the schema's own. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function emptyForm(): ResolverForm {
  return { on_type: "Query", field_name: "", function_name: "", input: noType(), payload: noType() };
}

function noType(): TypeChoice {
  return { format: "", name: "", schema: "" };
}

/** Every resolver file of the draft, ordered by parent type and field. Unreadable files are listed with what they hold. */
export function listResolvers(files: AppFiles): ResolverItem[] {
  const items: ResolverItem[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!path.startsWith(RESOLVERS_DIR) || !path.endsWith(".json")) continue;
    let raw: Record<string, unknown> = {};
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) raw = value as Record<string, unknown>;
    } catch {
      // Deploy reports the file; the list shows it with empty fields so it can be fixed or deleted.
    }
    items.push({ path, raw, form: readForm(raw) });
  }
  return items.sort((a, b) => `${a.form.on_type}.${a.form.field_name}`.localeCompare(`${b.form.on_type}.${b.form.field_name}`));
}

function readForm(raw: Record<string, unknown>): ResolverForm {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const side = (kind: "input" | "payload"): TypeChoice => {
    const type = raw[`${kind}_type`];
    const format = raw[`${kind}_type_format`];
    if (type === undefined) return noType();
    const known = (FORMATS as readonly unknown[]).includes(format) ? (format as TypeFormat) : typeof type === "object" ? "custom" : "generated";
    if (known === "custom") return { format: known, name: "", schema: typeof type === "object" ? JSON.stringify(type, null, 2) : text(type) };
    return { format: known, name: text(type), schema: "" };
  };
  return { on_type: text(raw.on_type), field_name: text(raw.field_name), function_name: text(raw.function_name), input: side("input"), payload: side("payload") };
}

/** What stops the form from being saved, by field; `others` are the draft's other resolvers. */
export function checkForm(form: ResolverForm, others: readonly ResolverItem[], functions: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!form.on_type) problems.push({ field: "on_type", message: "Pick the type the field is added to: Query, Mutation or one of your types." });
  const name = form.field_name.trim();
  if (name === "") problems.push({ field: "field_name", message: "Give the field a name, e.g. taskCount." });
  else if (!GRAPHQL_NAME.test(name)) {
    problems.push({ field: "field_name", message: `"${name}" is not a GraphQL name: start with a letter or "_", then use only letters, digits and "_" (no spaces, dots or dashes).` });
  } else if (name.startsWith("__")) problems.push({ field: "field_name", message: 'Names starting with "__" belong to GraphQL itself; pick another.' });
  else if (others.some((o) => o.form.on_type === form.on_type && o.form.field_name === name)) {
    problems.push({ field: "field_name", message: `${form.on_type} already has a custom resolver named ${name}.` });
  }
  if (!form.function_name) problems.push({ field: "function_name", message: "Pick the function that answers this field, or create one." });
  else if (!functions.includes(form.function_name)) problems.push({ field: "function_name", message: `There is no function named ${form.function_name}: pick another, or create it.` });
  for (const kind of ["input", "payload"] as const) {
    const message = checkType(form[kind], kind);
    if (message) problems.push({ field: kind, message });
  }
  return problems;
}

function checkType(choice: TypeChoice, kind: "input" | "payload"): string | undefined {
  if (choice.format === "") return undefined;
  if (choice.format === "custom") {
    try {
      const value = JSON.parse(choice.schema) as unknown;
      if (!value || typeof value !== "object" || Array.isArray(value)) return `The custom ${kind} type must be a JSON schema object, e.g. {"bsonType": "object", "title": "…", "properties": {…}}.`;
      return undefined;
    } catch (error) {
      return `The custom ${kind} type is not valid JSON: ${(error as Error).message}.`;
    }
  }
  if (!choice.name) return `Pick the ${kind} type.`;
  return undefined;
}

/** The file's JSON: the form's keys over the keys the file had. */
export function writeResolver(form: ResolverForm, raw: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw, on_type: form.on_type, field_name: form.field_name.trim(), function_name: form.function_name };
  for (const kind of ["input", "payload"] as const) {
    const choice = form[kind];
    delete out[`${kind}_type`];
    delete out[`${kind}_type_format`];
    if (choice.format === "") continue;
    out[`${kind}_type`] = choice.format === "custom" ? (JSON.parse(choice.schema) as unknown) : choice.name;
    out[`${kind}_type_format`] = choice.format;
  }
  return out;
}

/** Where a new resolver is written, as App Services named the files (`query_taskCount.json`). */
export function newResolverPath(form: ResolverForm, files: AppFiles): string {
  const base = `${RESOLVERS_DIR}${form.on_type.toLowerCase()}_${form.field_name.trim()}`;
  let path = `${base}.json`;
  for (let n = 2; files[path] !== undefined; n++) path = `${base}_${n}.json`;
  return path;
}

/** How the field reads in the schema, e.g. `taskCount(input: String): Int`. */
export function signature(form: ResolverForm): string {
  const typeOf = (choice: TypeChoice, kind: "Input" | "Payload"): string => {
    const custom = () => {
      try {
        const title = (JSON.parse(choice.schema) as { title?: unknown }).title;
        return typeof title === "string" ? title : `${form.field_name.charAt(0).toUpperCase()}${form.field_name.slice(1)}${kind}`;
      } catch {
        return "?";
      }
    };
    if (choice.format === "custom") return custom();
    const name = kind === "Input" && choice.format.startsWith("generated") && !choice.name.endsWith("Input") ? `${choice.name}InsertInput` : choice.name;
    return choice.format.endsWith("-list") ? `[${name}]` : name;
  };
  const input = form.input.format ? `(input: ${typeOf(form.input, "Input")})` : "";
  const payload = form.payload.format ? typeOf(form.payload, "Payload") : "DefaultPayload";
  return `${form.field_name}${input}: ${payload}`;
}

const SAMPLES: Record<string, string> = { String: '"hello"', Int: "42", Long: "42", Float: "4.2", Boolean: "true", DateTime: "new Date()" };

/** A starting source for a resolver's function, with the arguments App Services passes it. */
export function resolverSource(form: ResolverForm): string {
  const onRoot = form.on_type === "Query" || form.on_type === "Mutation";
  const params = onRoot ? (form.input.format ? "input" : "") : form.input.format ? "input, source" : "source";
  const notes = [
    `// Answers ${form.on_type}.${form.field_name || "<field>"} in the GraphQL API.`,
    form.input.format ? "// input: the value of the field's `input` argument." : "",
    onRoot ? "" : `// source: the ${form.on_type} document the field was asked on.`,
    form.payload.format ? "// Return a value of the payload type." : '// With no payload type the API answers {status: "complete"} whatever this returns.',
  ].filter(Boolean);
  return `${notes.join("\n")}
exports = async function (${params}) {
  // The calling user is context.user; collections come through the linked cluster, with rules applied:
  // const tasks = context.services.get("mongodb-atlas").db("tracker").collection("Task");
  return ${form.payload.format === "scalar" ? (SAMPLES[form.payload.name] ?? "null") : "null"};
};
`;
}

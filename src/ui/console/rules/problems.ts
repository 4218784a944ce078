/**
 * The problems deploy would report for a rules file, placed where they belong: on a
 * field of the form or a line of the JSON view, each with what to do about it.
 */
import { flattenFields, fieldLocation } from "./rules-edit.ts";
import { PERMISSION_KEYS, type RulesForm } from "./rules-form.ts";

export interface RulesProblem {
  message: string;
  /** The message without the location it starts with, for where the location is already shown. */
  text: string;
  /** What to do about it, in plain words. */
  hint: string;
  /** The form or JSON location it belongs to; "" for the whole file. */
  location: string;
  /** The JSON view's line, when known. */
  line?: number;
}

/** Every location the form shows a control for. */
export function formLocations(form: RulesForm): string[] {
  const out = ["roles", "filters", "database", "collection"];
  (form.roles ?? []).forEach((role, i) => {
    const at = `roles[${i}]`;
    out.push(at, `${at}.name`, `${at}.apply_when`, `${at}.fields`);
    for (const key of PERMISSION_KEYS) out.push(`${at}.${key}`);
    for (const scope of ["additional_fields", "document_filters"]) out.push(`${at}.${scope}`, `${at}.${scope}.read`, `${at}.${scope}.write`);
    for (const { path } of flattenFields(role.fields)) {
      const field = fieldLocation(i, path);
      out.push(field, `${field}.read`, `${field}.write`, `${field}.fields`);
    }
  });
  (form.filters ?? []).forEach((_, i) => {
    const at = `filters[${i}]`;
    out.push(at, `${at}.name`, `${at}.apply_when`, `${at}.query`, `${at}.projection`);
  });
  return out;
}

const BOUNDARY = /^(?:$|["':.\[\s])/;

/**
 * The most precise known location a message speaks of: the longest location the message
 * starts with, or quotes (`"roles[0].insert" must be …`, `missing required key "roles[0].name"`).
 */
export function locateMessage(message: string, locations: Iterable<string>): string {
  let best = "";
  for (const location of locations) {
    if (location.length <= best.length) continue;
    const starts = message.startsWith(location) && BOUNDARY.test(message.slice(location.length));
    const quoted = message.indexOf(`"${location}`);
    const inQuotes = quoted >= 0 && BOUNDARY.test(message.slice(quoted + 1 + location.length));
    if (starts || inQuotes) best = location;
  }
  return best;
}

/**
 * Places deploy's messages for one file. A duplicate name goes to every entry with that
 * name; a JSON syntax error to its line; the rest to the location they name.
 */
export function placeProblems(messages: readonly string[], locations: readonly string[], form?: RulesForm, lines?: Map<string, number>): RulesProblem[] {
  const out: RulesProblem[] = [];
  for (const message of messages) {
    const hint = hintFor(message);
    const duplicate = /^duplicate (role|filter) name "(.*)"$/.exec(message);
    if (duplicate && form) {
      const list = duplicate[1] === "role" ? form.roles ?? [] : form.filters ?? [];
      const key = duplicate[1] === "role" ? "roles" : "filters";
      const places = list.flatMap((entry, i) => (entry.name === duplicate[2] ? [`${key}[${i}].name`] : []));
      for (const location of places.length ? places : [""]) out.push({ message, text: message, hint, location, line: lines?.get(location) });
      continue;
    }
    const syntax = /invalid JSON at line (\d+)/.exec(message);
    if (syntax) {
      out.push({ message, text: message, hint, location: "", line: Number(syntax[1]) });
      continue;
    }
    const location = locateMessage(message, locations);
    out.push({ message, text: withoutLocation(message, location), hint, location, line: location ? innerLine(message, location, lines) ?? lines?.get(location) : undefined });
  }
  return out;
}

/**
 * Expression problems name the key inside the expression too (`roles[0].apply_when: assignee: …`);
 * the JSON view can put them on that key's own line.
 */
function innerLine(message: string, location: string, lines: Map<string, number> | undefined): number | undefined {
  if (!lines || !message.startsWith(`${location}: `)) return undefined;
  const rest = message.slice(location.length + 2);
  const colon = rest.indexOf(": ");
  if (colon <= 0) return undefined;
  return lines.get(`${location}.${rest.slice(0, colon)}`);
}

/** `roles[0].apply_when: x` → `x`; `"roles[0].insert" must be …` → `must be …`. */
export function withoutLocation(message: string, location: string): string {
  if (!location) return message;
  if (message.startsWith(`${location}: `)) return message.slice(location.length + 2);
  if (message.startsWith(`"${location}" `)) return message.slice(location.length + 3);
  return message;
}

const HINTS: [RegExp, string][] = [
  [/invalid JSON|not valid JSON/, "Fix the JSON at that line: a missing comma, quote or bracket is the usual cause."],
  [/empty: write/, "Write a condition as a JSON object; {} means always."],
  [/unknown expansion/, "Expansions start with %% (like %%user.id or %%root.owner). Type %% in the editor to pick one from the list."],
  [/has no field/, "Use one of the names the message lists."],
  [/unknown operator|not an operator/i, "Operators start with % or $ (like %in, %exists, %function). Type % in the editor to see them."],
  [/must be true, false or an expression object/, "Choose Yes or No, or write a condition as a JSON object."],
  [/missing required key ".*name"|"name" must not be empty|name.* must not be empty/, "Give it a name."],
  [/duplicate (role|filter) name/, "Each one needs its own name: rename one of them."],
  [/at most 100 characters/, "Shorten the name to 100 characters or fewer."],
  [/but the folder says/, "Keep it equal to the collection's folder, or remove the key; the sandbox fills it in."],
  [/must be an object/, "Write it as a JSON object, for example {}."],
  [/must be an array|must be a list/, "Write it as a list: [ … ]."],
  [/%function/, "Name a function of this app and pass its arguments as a list."],
];

export function hintFor(message: string): string {
  return HINTS.find(([pattern]) => pattern.test(message))?.[1] ?? "";
}

/** A location in words, for the problem list: `roles[1].fields.name.read` → "role 2 · field name · read". */
export function describeLocation(location: string, form?: RulesForm): string {
  if (!location) return "the file";
  const role = /^roles\[(\d+)\]/.exec(location);
  const filter = /^filters\[(\d+)\]/.exec(location);
  let head = location;
  let rest = location;
  if (role) {
    const name = form?.roles?.[Number(role[1])]?.name;
    head = name ? `role “${name}”` : `role ${Number(role[1]) + 1}`;
    rest = location.slice(role[0].length);
  } else if (filter) {
    const name = form?.filters?.[Number(filter[1])]?.name;
    head = name ? `filter “${name}”` : `filter ${Number(filter[1]) + 1}`;
    rest = location.slice(filter[0].length);
  } else {
    return location;
  }
  const words = rest
    .replace(/^\./, "")
    .replace(/\.fields\./g, " › ")
    .replace(/^fields\./, "field ")
    .replace(/apply_when/, "Apply When")
    .replace(/additional_fields/, "other fields")
    .replace(/document_filters/, "document filters")
    .replace(/\./g, " · ");
  return words ? `${head} · ${words}` : head;
}

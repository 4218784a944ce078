/**
 * Starting points for roles, after the Query Roles reference: whole setups that add one
 * or two roles, and, to build a role of your own, "applies when" conditions combined
 * with sets of permissions. Each produces plain rules JSON.
 */
import type { Json, JsonObject } from "./rules-form.ts";

/** What a template asks for before it can be used. */
export type ParamKey = "field" | "fields" | "email" | "emails" | "function";

export interface TemplateParams {
  field: string;
  fields: string;
  email: string;
  emails: string;
  function: string;
}

export const PARAM_LABELS: Record<ParamKey, { label: string; placeholder: string }> = {
  field: { label: "Field of the document", placeholder: "owner_id" },
  fields: { label: "Fields (separated by commas)", placeholder: "status, name" },
  email: { label: "Email address", placeholder: "admin@example.com" },
  emails: { label: "Email addresses (separated by commas)", placeholder: "ana@example.com, bo@example.com" },
  function: { label: "Function name", placeholder: "isAuthorizedUser" },
};

export const DEFAULT_PARAMS: TemplateParams = { field: "owner_id", fields: "", email: "", emails: "", function: "" };

interface Template {
  id: string;
  label: string;
  description: string;
  params: readonly ParamKey[];
}

export interface ApplyWhenTemplate extends Template {
  build(p: TemplateParams): JsonObject;
}

export interface PermissionTemplate extends Template {
  /** The role's keys after `name` and `apply_when`. */
  build(p: TemplateParams): JsonObject;
  /** A name for a role built with it. */
  name: string;
}

export interface SetupTemplate extends Template {
  roles(p: TemplateParams): JsonObject[];
}

const list = (text: string): string[] =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const fieldOr = (p: TemplateParams, fallback = "owner_id") => p.field.trim() || fallback;

export const APPLY_WHEN_TEMPLATES: readonly ApplyWhenTemplate[] = [
  { id: "always", label: "Always", description: "Applies to every document, for every user.", params: [], build: () => ({}) },
  {
    id: "owner",
    label: "The user owns the document",
    description: "A field of the document holds the id of the user who owns it.",
    params: ["field"],
    build: (p) => ({ [fieldOr(p)]: "%%user.id" }),
  },
  {
    id: "array-id",
    label: "A list in the document holds the user's id",
    description: "For shared documents: an array field lists the ids of the users who may use it.",
    params: ["field"],
    build: (p) => ({ [fieldOr(p, "members")]: "%%user.id" }),
  },
  {
    id: "has-email",
    label: "The user has an email address",
    description: "True for users who signed up with email and password.",
    params: [],
    build: () => ({ "%%user.data.email": { "%exists": true } }),
  },
  {
    id: "email",
    label: "The user has a specific email address",
    description: "Only one person, e.g. an administrator.",
    params: ["email"],
    build: (p) => ({ "%%user.data.email": p.email.trim() || "admin@example.com" }),
  },
  {
    id: "emails",
    label: "The user's email is one of a list",
    description: "A fixed group of people, e.g. the staff of your team.",
    params: ["emails"],
    build: (p) => ({ "%%user.data.email": { "%in": list(p.emails).length ? list(p.emails) : ["ana@example.com"] } }),
  },
  {
    id: "field-email",
    label: "A field of the document holds the user's email",
    description: "The document names its owner by email address.",
    params: ["field"],
    build: (p) => ({ [`%%root.${fieldOr(p, "email")}`]: "%%user.data.email" }),
  },
  {
    id: "array-email",
    label: "A list in the document holds the user's email",
    description: "An array field lists the email addresses that may use the document.",
    params: ["field"],
    build: (p) => ({ [fieldOr(p, "emails")]: "%%user.data.email" }),
  },
  {
    id: "function",
    label: "A function decides",
    description: "Calls an app function with the user's id; the role applies when it returns true.",
    params: ["function"],
    build: (p) => ({ "%%true": { "%function": { name: p.function.trim() || "isAuthorizedUser", arguments: ["%%user.id"] } } }),
  },
];

const readAll: JsonObject = { insert: false, delete: false, read: true, write: false };
const readWriteAll: JsonObject = { insert: true, delete: true, read: true, write: true };
const insertOnly: JsonObject = { insert: true, delete: false, write: { "%%prevRoot": { "%exists": false } }, additional_fields: {} };

export const PERMISSION_TEMPLATES: readonly PermissionTemplate[] = [
  { id: "read", name: "readAll", label: "Read all fields, change nothing", description: "Can read every field; cannot insert, change or delete.", params: [], build: () => ({ ...readAll }) },
  {
    id: "read-write",
    name: "readWriteAll",
    label: "Read and write all fields",
    description: "Can read, change, insert and delete documents. Writing a field lets the role read it too.",
    params: [],
    build: () => ({ ...readWriteAll }),
  },
  {
    id: "read-write-some",
    name: "readAllWriteSome",
    label: "Read all fields, write only some",
    description: "Can read everything and change only the fields you list.",
    params: ["fields"],
    build: (p) => ({ ...readAll, fields: Object.fromEntries(list(p.fields).map((f): [string, Json] => [f, { write: true }])) }),
  },
  {
    id: "no-insert",
    name: "editor",
    label: "Read and write all fields, but not insert",
    description: "Can change and delete existing documents, not create new ones.",
    params: [],
    build: () => ({ insert: false, delete: true, read: true, write: true }),
  },
  {
    id: "all-but",
    name: "writeMost",
    label: "Write all fields except some",
    description: "The fields you list can be read but not changed; every other field can be read and changed.",
    params: ["fields"],
    build: (p) => ({
      insert: false,
      delete: false,
      fields: Object.fromEntries(list(p.fields).map((f): [string, Json] => [f, { read: true, write: false }])),
      additional_fields: { write: true },
    }),
  },
  {
    id: "insert-only",
    name: "insertOnly",
    label: "Insert only",
    description: "Can add new documents but never read or change existing ones: writes are allowed only while the document does not exist yet.",
    params: [],
    build: () => structuredClone(insertOnly),
  },
  {
    id: "nothing",
    name: "default",
    label: "Nothing yet (set it up yourself)",
    description: "Can insert and delete whole documents but read and change no field, as App Services' “No template” did.",
    params: [],
    build: () => ({ insert: true, delete: true, search: true, additional_fields: {} }),
  },
];

const owner = (p: TemplateParams, can: JsonObject): JsonObject => ({ name: "owner", apply_when: { [fieldOr(p)]: "%%user.id" }, ...can });

export const SETUP_TEMPLATES: readonly SetupTemplate[] = [
  {
    id: "own-data",
    label: "Users can only read and write their own data",
    description: "One role: the owner may do everything with their documents. Other users' documents stay hidden.",
    params: ["field"],
    roles: (p) => [owner(p, readWriteAll)],
  },
  {
    id: "read-all-write-own",
    label: "Users can read all data, but only write their own",
    description: "Two roles, tried in order: the owner may do everything; everyone else may read.",
    params: ["field"],
    roles: (p) => [owner(p, readWriteAll), { name: "readAll", apply_when: {}, ...readAll }],
  },
  {
    id: "read-all",
    label: "Users can read all data",
    description: "One role for everyone: read every field, change nothing.",
    params: [],
    roles: () => [{ name: "readAll", apply_when: {}, ...readAll }],
  },
  {
    id: "read-write-all",
    label: "Users can read and write all data",
    description: "One role for everyone, with every permission. Handy while you try things out.",
    params: [],
    roles: () => [{ name: "readWriteAll", apply_when: {}, ...readWriteAll }],
  },
  {
    id: "insert-only",
    label: "Users can only add documents",
    description: "Like a drop box: anyone may insert, nobody may read or change what is there.",
    params: [],
    roles: () => [{ name: "insertOnly", apply_when: {}, ...structuredClone(insertOnly) }],
  },
];

/** A role of your own: a condition plus a set of permissions. */
export function buildRole(name: string, applyWhen: ApplyWhenTemplate, permissions: PermissionTemplate, p: TemplateParams): JsonObject {
  return { name, apply_when: applyWhen.build(p), ...permissions.build(p) };
}

/**
 * The Authentication screen's model: auth/providers.json and auth/custom_user_data.json of
 * the draft read into forms, and forms written back with the config edit helpers, keeping
 * every key the form does not show (imported apps carry more than the sandbox runs).
 */
import { setAuthProvider, setCustomUserData, setFunction } from "../../../config/edit.ts";
import { isObject, parseJsonText } from "../../../config/json.ts";
import { AUTH_PROVIDERS, CUSTOM_USER_DATA, FUNCTIONS_CONFIG } from "../../../config/paths.ts";
import type { AppFiles, AuthProviderConfig, CustomUserDataConfig, JsonObject } from "../../../config/types.ts";

export const USERPASS = "local-userpass";
/** Provider types the sandbox runs; others are kept and exported but nobody logs in with them here. */
export const RUN_PROVIDER_TYPES: readonly string[] = [USERPASS];

export const PROVIDER_LABELS: Record<string, string> = {
  "anon-user": "Anonymous",
  "local-userpass": "Email/Password",
  "api-key": "API Keys",
  "custom-token": "Custom JWT",
  "custom-function": "Custom Function",
  "oauth2-facebook": "Facebook",
  "oauth2-google": "Google",
  "oauth2-apple": "Apple ID",
};

export type ConfirmMethod = "auto" | "email" | "function";
export type ResetMethod = "email" | "function";

export interface UserpassForm {
  enabled: boolean;
  confirm: ConfirmMethod;
  emailConfirmationUrl: string;
  confirmEmailSubject: string;
  confirmationFunctionName: string;
  reset: ResetMethod;
  resetPasswordUrl: string;
  resetPasswordSubject: string;
  resetFunctionName: string;
}

export interface CustomDataForm {
  enabled: boolean;
  mongo_service_name: string;
  database_name: string;
  collection_name: string;
  user_id_field: string;
  on_user_creation_function_name: string;
}

/** A problem of one form field (or of the whole form when `field` is absent). */
export interface FieldProblem {
  field?: string;
  message: string;
}

function readJson(files: AppFiles, path: string): unknown {
  if (!(path in files)) return undefined;
  const parsed = parseJsonText(files[path]);
  return parsed.ok ? parsed.value : undefined;
}

/** The providers of the draft, in file order; a damaged file reads as none. */
export function readProviders(files: AppFiles): AuthProviderConfig[] {
  const value = readJson(files, AUTH_PROVIDERS);
  if (!isObject(value)) return [];
  const out: AuthProviderConfig[] = [];
  for (const [key, p] of Object.entries(value)) {
    if (isObject(p)) out.push({ ...p, name: typeof p.name === "string" ? p.name : key, type: String(p.type ?? ""), disabled: p.disabled === true });
  }
  return out;
}

/** Why an auth file of the draft cannot be read, if it cannot. */
export function unreadableAuthFile(files: AppFiles): string | undefined {
  for (const path of [AUTH_PROVIDERS, CUSTOM_USER_DATA]) {
    if (!(path in files)) continue;
    const parsed = parseJsonText(files[path]);
    if (!parsed.ok) return `${path}: ${parsed.message}`;
    if (!isObject(parsed.value)) return `${path}: expected a JSON object`;
  }
  return undefined;
}

/** Names of the draft's functions, sorted. */
export function functionNames(files: AppFiles): string[] {
  const value = readJson(files, FUNCTIONS_CONFIG);
  if (!Array.isArray(value)) return [];
  return value.filter((e): e is JsonObject => isObject(e) && typeof e.name === "string").map((e) => e.name as string).sort();
}

/** Data sources of the draft (`data_sources/<name>/config.json`) that are MongoDB clusters. */
export function dataSourceNames(files: AppFiles): string[] {
  const names = new Set<string>();
  for (const path of Object.keys(files)) {
    const m = /^data_sources\/([^/]+)\/config\.json$/.exec(path);
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}

export function userpassForm(provider: AuthProviderConfig | undefined): UserpassForm {
  const c = (provider?.config ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof c[key] === "string" ? (c[key] as string) : "");
  return {
    enabled: provider !== undefined && !provider.disabled,
    confirm: c.autoConfirm === true || !provider ? "auto" : c.runConfirmationFunction === true ? "function" : "email",
    emailConfirmationUrl: text("emailConfirmationUrl"),
    confirmEmailSubject: text("confirmEmailSubject"),
    confirmationFunctionName: text("confirmationFunctionName"),
    reset: c.runResetFunction === true ? "function" : "email",
    resetPasswordUrl: text("resetPasswordUrl"),
    resetPasswordSubject: text("resetPasswordSubject"),
    resetFunctionName: text("resetFunctionName"),
  };
}

/**
 * The provider with the form applied. Settings of the methods not chosen are kept (App
 * Services kept them too), so switching back restores them; empty texts are removed.
 */
export function applyUserpassForm(provider: AuthProviderConfig | undefined, form: UserpassForm): AuthProviderConfig {
  const base: AuthProviderConfig = provider ?? { name: USERPASS, type: USERPASS, disabled: false };
  const config: Record<string, unknown> = { ...(base.config ?? {}) };
  config.autoConfirm = form.confirm === "auto";
  config.runConfirmationFunction = form.confirm === "function";
  config.runResetFunction = form.reset === "function";
  const texts: (keyof UserpassForm)[] = ["emailConfirmationUrl", "confirmEmailSubject", "confirmationFunctionName", "resetPasswordUrl", "resetPasswordSubject", "resetFunctionName"];
  for (const key of texts) {
    const value = (form[key] as string).trim();
    if (value) config[key] = value;
    else delete config[key];
  }
  return { ...base, disabled: !form.enabled, config: config as JsonObject };
}

/** What deploy would refuse or what cannot work, checked before saving. */
export function checkUserpassForm(form: UserpassForm, functions: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const url = (field: "emailConfirmationUrl" | "resetPasswordUrl", what: string) => {
    const value = form[field].trim();
    if (!value) problems.push({ field, message: `Enter the URL of your app's page that ${what}; the link adds token and tokenId to it.` });
    else if (!/^https?:\/\/[^\s]+$/.test(value)) problems.push({ field, message: "Enter a full URL starting with https:// or http://." });
  };
  const fn = (field: "confirmationFunctionName" | "resetFunctionName") => {
    const name = form[field];
    if (!name) problems.push({ field, message: "Pick a function, or create one." });
    else if (!functions.includes(name)) problems.push({ field, message: `There is no function "${name}": pick another or create it.` });
  };
  const subject = (field: "confirmEmailSubject" | "resetPasswordSubject") => {
    if (form[field].length > 256) problems.push({ field, message: `The subject has ${form[field].length} characters; at most 256 are allowed.` });
  };
  if (form.confirm === "email") {
    url("emailConfirmationUrl", "confirms an account");
    subject("confirmEmailSubject");
  }
  if (form.confirm === "function") fn("confirmationFunctionName");
  if (form.reset === "email") {
    url("resetPasswordUrl", "sets a new password");
    subject("resetPasswordSubject");
  }
  if (form.reset === "function") fn("resetFunctionName");
  return problems;
}

export function readCustomData(files: AppFiles): CustomDataForm {
  const v = readJson(files, CUSTOM_USER_DATA);
  const c = (isObject(v) ? v : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof c[key] === "string" ? (c[key] as string) : "");
  return {
    enabled: c.enabled === true,
    mongo_service_name: text("mongo_service_name") || "mongodb-atlas",
    database_name: text("database_name"),
    collection_name: text("collection_name"),
    user_id_field: text("user_id_field") || "user_id",
    on_user_creation_function_name: text("on_user_creation_function_name"),
  };
}

export function checkCustomData(form: CustomDataForm): FieldProblem[] {
  if (!form.enabled) return [];
  const need: [keyof CustomDataForm, string][] = [
    ["mongo_service_name", "Pick the cluster (data source)."],
    ["database_name", "Enter the database of the collection."],
    ["collection_name", "Enter the collection that holds one document per user."],
    ["user_id_field", "Enter the field that holds the user's id."],
  ];
  return need.filter(([key]) => !(form[key] as string).trim()).map(([field, message]) => ({ field, message }));
}

/** custom_user_data.json with the form applied; keys the form does not show are kept. */
export function writeCustomData(files: AppFiles, form: CustomDataForm): AppFiles {
  const v = readJson(files, CUSTOM_USER_DATA);
  const next: Record<string, unknown> = { ...(isObject(v) ? v : {}), enabled: form.enabled };
  for (const key of ["mongo_service_name", "database_name", "collection_name", "user_id_field", "on_user_creation_function_name"] as const) {
    const value = form[key].trim();
    if (value) next[key] = value;
    else delete next[key];
  }
  return setCustomUserData(files, next as unknown as CustomUserDataConfig);
}

export function writeProvider(files: AppFiles, provider: AuthProviderConfig): AppFiles {
  return setAuthProvider(files, provider);
}

/** The files of `after` that differ from `before`, as patchDraft takes them. */
export function changedFiles(before: AppFiles, after: AppFiles): AppFiles {
  const set: AppFiles = {};
  for (const [path, text] of Object.entries(after)) if (before[path] !== text) set[path] = text;
  return set;
}

/** Adds a private function with a starting source for the provider's confirmation or reset. */
export function addProviderFunction(files: AppFiles, name: string, kind: "confirmation" | "reset"): AppFiles {
  return setFunction(files, { name, private: true }, kind === "confirmation" ? CONFIRMATION_SOURCE : RESET_SOURCE);
}

/** Places the backend's refusal beside the field it names, when it names one. */
export function placeProblem(message: string, fields: readonly string[]): FieldProblem {
  const field = fields.find((f) => message.includes(`.${f}"`) || message.includes(`"${f}"`));
  return field ? { field, message } : { message };
}

export const CONFIRMATION_SOURCE = `/*
 * Confirms new email/password accounts. App Services calls it as the system when a user
 * registers (and when a client asks to retry the confirmation), with
 *   { token, tokenId, username }   username is the email address.
 * Answer with one of:
 *   { status: "success" }  the account is confirmed and can log in at once;
 *   { status: "pending" }  the account waits until a client calls confirmUser(token, tokenId),
 *                          e.g. after you sent the user those two values yourself;
 *   { status: "fail" }     the registration is removed, so the email can register again.
 * This start confirms addresses of one domain at once and leaves the others pending.
 */
exports = async ({ token, tokenId, username }) => {
  if (username.endsWith("@example.com")) {
    return { status: "success" };
  }
  return { status: "pending" };
};
`;

export const RESET_SOURCE = `/*
 * Decides password resets. A client's callResetPasswordFunction(email, newPassword, ...args)
 * makes App Services call it as the system with
 *   ({ token, tokenId, username, password }, ...args)   password is the new one.
 * Answer with one of:
 *   { status: "success" }  the new password takes effect at once;
 *   { status: "pending" }  nothing changes until a client calls resetPassword(token, tokenId, password);
 *   { status: "fail" }     the reset is refused and the old password stays.
 * This start refuses every reset; check the extra arguments (a security answer, say) to allow some.
 */
exports = async ({ token, tokenId, username, password }, ...args) => {
  return { status: "fail" };
};
`;

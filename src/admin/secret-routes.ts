import { SANDBOX_SECRETS } from "../config/parse-endpoints.ts";
import { isObject, parseJsonText } from "../config/json.ts";
import type { AppFiles } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";
import type { AdminContext, AdminRoute } from "./router.ts";

/** A secret as the API shows it: its name only, never its value (as App Services did). */
export interface SecretSummary {
  _id: string;
  name: string;
}

/** Names as App Services allowed them for secrets and values. */
const SECRET_NAME = /^[A-Za-z0-9_-]+$/;

/** The secrets of the draft (sandbox/secrets.json), name → value; an unreadable file counts as none. */
function readSecrets(files: AppFiles): Record<string, string> {
  const text = files[SANDBOX_SECRETS];
  if (text === undefined) return {};
  const parsed = parseJsonText(text);
  if (!parsed.ok || !isObject(parsed.value)) return {};
  return Object.fromEntries(Object.entries(parsed.value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

async function writeSecrets(ctx: AdminContext, change: (secrets: Record<string, string>) => void): Promise<SecretSummary[]> {
  const { app } = await ctx.app();
  const secrets = readSecrets(app.draft);
  change(secrets);
  const sorted = Object.fromEntries(Object.entries(secrets).sort(([a], [b]) => (a < b ? -1 : 1)));
  const files: AppFiles = { ...app.draft };
  if (Object.keys(sorted).length === 0) delete files[SANDBOX_SECRETS];
  else files[SANDBOX_SECRETS] = `${JSON.stringify(sorted, null, 4)}\n`;
  await app.saveDraft(files);
  return summaries(sorted);
}

function summaries(secrets: Record<string, string>): SecretSummary[] {
  return Object.keys(secrets).sort().map((name) => ({ _id: name, name }));
}

function secretValue(body: Record<string, unknown>): string {
  if (typeof body.value !== "string") throw new AppServicesError("InvalidParameter", "a secret's `value` must be a string");
  return body.value;
}

/**
 * Secrets, shaped after the Admin API v3 `secrets` routes: list names, create, replace a
 * value, delete. Values go into the draft's sandbox/secrets.json and are never answered
 * back. A secret's `_id` is its name: the sandbox keeps no other id for it.
 */
export const SECRET_ROUTES: AdminRoute[] = [
  { method: "GET", path: "/:appId/secrets", handle: async (ctx) => summaries(readSecrets((await ctx.app()).app.draft)) },
  {
    method: "POST",
    path: "/:appId/secrets",
    async handle(ctx) {
      const body = await ctx.body();
      const name = typeof body.name === "string" ? body.name : "";
      if (!SECRET_NAME.test(name) || name.length > 64) {
        throw new AppServicesError("InvalidParameter", `a secret's name may only use letters, digits, "_" and "-" (up to 64), got "${name}"`);
      }
      const value = secretValue(body);
      await writeSecrets(ctx, (secrets) => {
        if (name in secrets) throw new AppServicesError("InvalidParameter", `a secret named "${name}" already exists: replace its value instead`);
        secrets[name] = value;
      });
      return { _id: name, name };
    },
  },
  {
    method: "PUT",
    path: "/:appId/secrets/:secretId",
    async handle(ctx) {
      const value = secretValue(await ctx.body());
      const name = ctx.params.secretId;
      await writeSecrets(ctx, (secrets) => {
        if (!(name in secrets)) throw new AppServicesError("NotFound", `there is no secret named "${name}"`);
        secrets[name] = value;
      });
      return undefined;
    },
  },
  {
    method: "DELETE",
    path: "/:appId/secrets/:secretId",
    async handle(ctx) {
      const name = ctx.params.secretId;
      await writeSecrets(ctx, (secrets) => {
        if (!(name in secrets)) throw new AppServicesError("NotFound", `there is no secret named "${name}"`);
        delete secrets[name];
      });
      return undefined;
    },
  },
];

import type { AppModel } from "../config/types.ts";
import { AppServicesError } from "../core/app-services-error.ts";

export const USERPASS = "local-userpass";

/** The local-userpass settings that decide each flow, with the defaults an unset key has. */
export interface UserpassConfig {
  name: string;
  autoConfirm: boolean;
  runConfirmationFunction: boolean;
  confirmationFunctionName?: string;
  emailConfirmationUrl?: string;
  runResetFunction: boolean;
  resetFunctionName?: string;
  resetPasswordUrl?: string;
}

/** The enabled email/password provider called `name`, or the server's "unsupported" error. */
export function userpassConfig(model: AppModel, name = USERPASS): UserpassConfig {
  const provider = Object.prototype.hasOwnProperty.call(model.auth.providers, name) ? model.auth.providers[name] : undefined;
  if (!provider || provider.disabled || provider.type !== USERPASS) {
    throw new AppServicesError("AuthProviderNotFound", `authentication via '${name}' is unsupported`);
  }
  const config = (provider.config ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof config[key] === "string" && config[key] !== "" ? (config[key] as string) : undefined);
  return {
    name,
    autoConfirm: config.autoConfirm === true,
    runConfirmationFunction: config.runConfirmationFunction === true,
    confirmationFunctionName: text("confirmationFunctionName"),
    emailConfirmationUrl: text("emailConfirmationUrl"),
    runResetFunction: config.runResetFunction === true,
    resetFunctionName: text("resetFunctionName"),
    resetPasswordUrl: text("resetPasswordUrl"),
  };
}

/** `url?token=…&tokenId=…`, the link App Services would have e-mailed. */
export function tokenLink(base: string | undefined, token: string, tokenId: string): string | undefined {
  if (!base) return undefined;
  const separator = base.includes("?") ? "&" : "?";
  return `${base}${separator}token=${encodeURIComponent(token)}&tokenId=${encodeURIComponent(tokenId)}`;
}

import type { AppFiles } from "../../config/types.ts";
import { baseApp } from "./shared.ts";

/**
 * An empty app as a freshly created one exported: a linked cluster with no collections,
 * no functions or triggers, the disabled API-key provider, no custom user data and no
 * Sync (sync/config.json only appears once Sync is configured). "Application-0" was the
 * name the create-app form suggested.
 */
export function blank(appId: string, name = "application-0"): AppFiles {
  return baseApp(appId, name);
}

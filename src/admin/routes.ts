import type { SandboxApps } from "../sandbox/apps.ts";
import { APP_ROUTES, DRAFT_ROUTES } from "./app-routes.ts";
import { DEPLOYMENT_ROUTES } from "./deployment-routes.ts";
import { USER_ROUTES } from "./user-routes.ts";
import { DATA_ROUTES } from "./data-routes.ts";
import { SCHEMA_ROUTES } from "./schema-routes.ts";
import { TRIGGER_ROUTES } from "./trigger-routes.ts";
import { SECRET_ROUTES } from "./secret-routes.ts";
import { LOG_ROUTES } from "./log-routes.ts";
import { FUNCTION_ROUTES } from "./function-routes.ts";
import { GRAPHQL_ROUTES } from "./graphql-routes.ts";
import { createAdminHandler, type AdminHandler, type AdminRoute } from "./router.ts";

/** Every route of the console's API, by screen. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [...APP_ROUTES, ...FUNCTION_ROUTES, ...DRAFT_ROUTES, ...DEPLOYMENT_ROUTES, ...USER_ROUTES, ...SCHEMA_ROUTES, ...DATA_ROUTES, ...SECRET_ROUTES, ...LOG_ROUTES, ...TRIGGER_ROUTES, ...GRAPHQL_ROUTES];

export function adminHandler(apps: SandboxApps): AdminHandler {
  return createAdminHandler(apps, ADMIN_ROUTES);
}

export { ADMIN_PREFIX } from "./router.ts";

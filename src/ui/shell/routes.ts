/**
 * Every screen of the console as data: a hash path pattern, the element that shows it,
 * and the module that defines that element, loaded the first time the screen opens.
 * An entry appears in the navigation only when its screen exists.
 */
export interface ScreenRoute {
  /** `#/data/:database/:collection`; `:name` segments become the element's `params`. */
  pattern: string;
  tag: string;
  load: () => Promise<unknown>;
  /** The document title. */
  title: string;
  /** Where the screen sits in the left navigation (only the screen's root pattern has one). */
  nav?: { group: NavGroup; label: string; href: string };
  /** Screens that need an app loaded (all but home). */
  needsApp?: boolean;
}

export type NavGroup = "Data Access" | "Build" | "Manage" | "Data" | "Try it";

export const NAV_GROUPS: readonly NavGroup[] = ["Data", "Data Access", "Build", "Manage", "Try it"];

const home = () => import("../console/home/rs-home.ts");

export const ROUTES: readonly ScreenRoute[] = [
  { pattern: "/", tag: "rs-home", load: home, title: "Home" },
  {
    pattern: "/status",
    tag: "rs-status-screen",
    load: () => import("../console/status/rs-status-screen.ts"),
    title: "Sandbox status",
    nav: { group: "Manage", label: "Sandbox status", href: "#/status" },
  },
  { pattern: "/data", tag: "rs-data-screen", load: () => import("../console/data/rs-data-screen.ts"), title: "Data", nav: { group: "Data", label: "Data", href: "#/data" }, needsApp: true },
  { pattern: "/data/:database/:collection", tag: "rs-data-screen", load: () => import("../console/data/rs-data-screen.ts"), title: "Data", needsApp: true },
  { pattern: "/rules", tag: "rs-rules-screen", load: () => import("../console/rules/rs-rules-screen.ts"), title: "Rules", nav: { group: "Data Access", label: "Rules", href: "#/rules" }, needsApp: true },
  { pattern: "/rules/:service", tag: "rs-rules-screen", load: () => import("../console/rules/rs-rules-screen.ts"), title: "Default rule", needsApp: true },
  { pattern: "/rules/:database/:collection", tag: "rs-rules-screen", load: () => import("../console/rules/rs-rules-screen.ts"), title: "Rules", needsApp: true },
  { pattern: "/schema", tag: "rs-schema-screen", load: () => import("../console/schema/rs-schema-screen.ts"), title: "Schema", nav: { group: "Data Access", label: "Schema", href: "#/schema" }, needsApp: true },
  { pattern: "/schema/:database/:collection", tag: "rs-schema-screen", load: () => import("../console/schema/rs-schema-screen.ts"), title: "Schema", needsApp: true },
  { pattern: "/triggers", tag: "rs-triggers-screen", load: () => import("../console/triggers/rs-triggers-screen.ts"), title: "Triggers", nav: { group: "Build", label: "Triggers", href: "#/triggers" }, needsApp: true },
  { pattern: "/triggers/:name", tag: "rs-triggers-screen", load: () => import("../console/triggers/rs-triggers-screen.ts"), title: "Trigger", needsApp: true },
  { pattern: "/functions", tag: "rs-functions-screen", load: () => import("../console/functions/rs-functions-screen.ts"), title: "Functions", nav: { group: "Build", label: "Functions", href: "#/functions" }, needsApp: true },
  { pattern: "/functions/:name", tag: "rs-functions-screen", load: () => import("../console/functions/rs-functions-screen.ts"), title: "Functions", needsApp: true },
  { pattern: "/graphql", tag: "rs-graphql-screen", load: () => import("../console/graphql/rs-graphql-screen.ts"), title: "GraphQL", nav: { group: "Build", label: "GraphQL", href: "#/graphql" }, needsApp: true },
  { pattern: "/graphql/:tab", tag: "rs-graphql-screen", load: () => import("../console/graphql/rs-graphql-screen.ts"), title: "GraphQL", needsApp: true },
  { pattern: "/graphql/:tab/:item", tag: "rs-graphql-screen", load: () => import("../console/graphql/rs-graphql-screen.ts"), title: "GraphQL", needsApp: true },
  { pattern: "/users", tag: "rs-users-screen", load: () => import("../console/users/rs-users-screen.ts"), title: "App Users", nav: { group: "Data Access", label: "App Users", href: "#/users" }, needsApp: true },
  { pattern: "/users/:userId", tag: "rs-users-screen", load: () => import("../console/users/rs-users-screen.ts"), title: "App Users", needsApp: true },
  { pattern: "/auth", tag: "rs-auth-screen", load: () => import("../console/auth/rs-auth-screen.ts"), title: "Authentication", nav: { group: "Data Access", label: "Authentication", href: "#/auth" }, needsApp: true },
  { pattern: "/logs", tag: "rs-logs-screen", load: () => import("../console/logs/rs-logs-screen.ts"), title: "Logs", nav: { group: "Manage", label: "Logs", href: "#/logs" }, needsApp: true },
  { pattern: "/values", tag: "rs-values-screen", load: () => import("../console/values/rs-values-screen.ts"), title: "Values & Environments", nav: { group: "Build", label: "Values", href: "#/values" }, needsApp: true },
  { pattern: "/deploy", tag: "rs-deploy-screen", load: () => import("../console/deploy/rs-deploy-screen.ts"), title: "Deployment", nav: { group: "Manage", label: "Deployment", href: "#/deploy" }, needsApp: true },
  { pattern: "/deploy/:deploymentId", tag: "rs-deploy-screen", load: () => import("../console/deploy/rs-deploy-screen.ts"), title: "Deployment", needsApp: true },
  { pattern: "/sync", tag: "rs-sync-screen", load: () => import("../console/sync/rs-sync-screen.ts"), title: "Device Sync", nav: { group: "Build", label: "Device Sync", href: "#/sync" }, needsApp: true },
  { pattern: "/settings", tag: "rs-settings-screen", load: () => import("../console/settings/rs-settings-screen.ts"), title: "App Settings", nav: { group: "Manage", label: "App Settings", href: "#/settings" }, needsApp: true },
  { pattern: "/learn/:tutorial/:step", tag: "rs-learn-screen", load: () => import("../tutorial/rs-learn-screen.ts"), title: "Tutorial" },
  { pattern: "/learn/:tutorial", tag: "rs-learn-screen", load: () => import("../tutorial/rs-learn-screen.ts"), title: "Tutorial" },
  { pattern: "/playground", tag: "rs-playground", load: () => import("../playground/rs-playground.ts"), title: "GraphQL Playground", nav: { group: "Try it", label: "GraphQL Playground", href: "#/playground" }, needsApp: true },
  { pattern: "/client", tag: "rs-client-screen", load: () => import("../console/client/rs-client-screen.ts"), title: "Web client", nav: { group: "Try it", label: "Web client", href: "#/client" }, needsApp: true },
];

export interface RouteMatch {
  route: ScreenRoute;
  params: Record<string, string>;
}

/** The screen a hash path shows; unknown paths fall back to home with `notFound`. */

export function matchScreen(path: string, routes: readonly ScreenRoute[] = ROUTES): (RouteMatch & { notFound?: boolean }) {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    const parts = route.pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      if (parts[i].startsWith(":")) params[parts[i].slice(1)] = safeDecode(segments[i]);
      else ok = parts[i] === segments[i];
    }
    if (ok) return { route, params };
  }
  return { route: routes[0], params: {}, notFound: true };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

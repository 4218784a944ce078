/** The virtual modules of scripts/starter-app-plugin.ts: a course's starting app, chosen at build time. */
declare module "virtual:starter-app" {
  /** The starting app's folder name, or undefined when the build has none. */
  export const starterAppSource: string | undefined;
  /** Its files as path → text, fetched as a chunk of their own. */
  export function loadStarterApp(): Promise<Record<string, string> | undefined>;
}

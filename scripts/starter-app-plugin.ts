/**
 * A course's starting app, chosen at build time: STARTER_APP_DIR names an exported app
 * directory (the folder that holds realm_config.json) and the site opens it on a first
 * visit. The page reads it from two virtual modules: `virtual:starter-app`, a few bytes
 * in the first-visit bundle saying whether there is one, and `virtual:starter-app/files`,
 * the files themselves in a chunk of their own, loaded only when they are imported.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";

import type { Plugin } from "vite";

const ENTRY = "virtual:starter-app";
const FILES = "virtual:starter-app/files";
/** Config files App Services exports held at the top of an app directory (current and older formats). */
const TOP_CONFIGS = ["realm_config.json", "config.json"];

/** Every file below `dir` as path (with `/`) → text; dot files and folders are left out. */
export async function readAppDirectory(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files[relative(dir, path).split(sep).join("/")] = await readFile(path, "utf8");
    }
  }
  await walk(dir);
  return files;
}

/** The app directory's files, or an error that says what to fix in STARTER_APP_DIR. */
async function starterFiles(dir: string): Promise<Record<string, string>> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`STARTER_APP_DIR: ${dir} is not a folder. Give the path of an exported app directory, relative to the project.`);
  const files = await readAppDirectory(dir);
  if (!TOP_CONFIGS.some((name) => name in files)) {
    throw new Error(`STARTER_APP_DIR: ${dir} has no realm_config.json at its top. Give the folder an App Services export starts with.`);
  }
  return files;
}

/** The app's name in its config (what the console lists it as), else its folder's name. */
function appName(files: Record<string, string>, dir: string): string {
  for (const path of TOP_CONFIGS) {
    try {
      const name = (JSON.parse(files[path] ?? "null") as { name?: unknown } | null)?.name;
      if (typeof name === "string" && name) return name;
    } catch {
      // A config that is not JSON is reported by the import, with its path.
    }
  }
  return basename(dir);
}

export function starterApp(options: { root: string; dir: string | undefined }): Plugin {
  const dir = options.dir ? resolve(options.root, options.dir) : undefined;
  return {
    name: "realm-sandbox:starter-app",
    // Filters keep the bundler from calling these hooks for every other module.
    resolveId: {
      filter: { id: /^virtual:starter-app/ },
      handler(id) {
        return id === ENTRY || id === FILES ? `\0${id}` : undefined;
      },
    },
    load: {
      filter: { id: /^\0virtual:starter-app/ },
      async handler(id) {
        if (id === `\0${ENTRY}`) {
          if (!dir) return "export const starterAppSource = undefined;\nexport const loadStarterApp = async () => undefined;\n";
          return [
            `export const starterAppSource = ${JSON.stringify(appName(await starterFiles(dir), dir))};`,
            `export const loadStarterApp = () => import(${JSON.stringify(FILES)}).then((module) => module.default);`,
          ].join("\n");
        }
        if (id === `\0${FILES}`) {
          if (!dir) return "export default {};\n";
          const files = await starterFiles(dir);
          // Edits to the app directory rebuild the module in the dev server.
          for (const path of Object.keys(files)) this.addWatchFile(join(dir, path));
          return `export default ${JSON.stringify(files)};\n`;
        }
        return undefined;
      },
    },
    // Checked when the build starts, so a wrong folder fails the build before anything is written.
    async buildStart() {
      if (dir) await starterFiles(dir);
    },
  };
}

/**
 * A course's own sandbox, built as an instructor builds it: the example course's tutorials
 * (TUTORIALS_DIR) and its starting app (STARTER_APP_DIR). The build ships the app's files
 * in a chunk of their own, outside the first-visit scripts; imported over the default app
 * as a first visit does, they deploy, and the tutorial's first step starts from them.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readAppDirectory } from "../../scripts/starter-app-plugin.ts";
import { createSandbox } from "../../src/index.ts";
import { filesAtStart } from "../../src/tutorial/state-at.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { isUntouched } from "../../src/ui/state/starter-app-choice.ts";
import { freshIndexedDB } from "../helpers/idb.ts";
import { readTutorial } from "../tutorial/read-tutorials.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const COURSE_TUTORIALS = "examples/course/tutorials";
const STARTER = `${COURSE_TUTORIALS}/private-notes/01-owner-role/start`;
const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps";

let outDir: string;
/** Built script name → text. */
const scripts = new Map<string, string>();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "course-build-"));
  const saved = { tutorials: process.env.TUTORIALS_DIR, starter: process.env.STARTER_APP_DIR };
  process.env.TUTORIALS_DIR = COURSE_TUTORIALS;
  process.env.STARTER_APP_DIR = STARTER;
  try {
    await build({ root: ROOT, configFile: resolve(ROOT, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    restore("TUTORIALS_DIR", saved.tutorials);
    restore("STARTER_APP_DIR", saved.starter);
  }
  for (const name of await readdir(join(outDir, "assets"))) {
    if (name.endsWith(".js")) scripts.set(name, await readFile(join(outDir, "assets", name), "utf8"));
  }
}, 300_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** The scripts index.html loads or preloads: what a first visit fetches. */
async function firstVisitScripts(): Promise<string[]> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  return [...html.matchAll(/assets\/([^"']+\.js)/g)].map((m) => m[1]);
}

describe("a course's own sandbox, built with TUTORIALS_DIR and STARTER_APP_DIR", () => {
  it("ships the starting app's files in a chunk of their own, loaded after the first visit's scripts", async () => {
    const files = await readAppDirectory(resolve(ROOT, STARTER));
    const schema = files["data_sources/mongodb-atlas/course/notes/schema.json"];
    expect(schema).toContain("owner_id");
    // Every path of the app, and its files' contents (owner_id is in the schema only), in one chunk.
    const holding = [...scripts]
      .filter(([, text]) => Object.keys(files).every((path) => text.includes(path)) && text.includes("owner_id"))
      .map(([name]) => name);
    expect(holding).toHaveLength(1);
    const first = await firstVisitScripts();
    expect(first.length).toBeGreaterThan(0);
    expect(first).not.toContain(holding[0]);
    // The first visit's entry knows the app by the name of its config.
    expect(first.some((name) => scripts.get(name)?.includes("notes-course"))).toBe(true);
  });

  it("ships the course's tutorials instead of the project's", () => {
    const all = [...scripts.values()].join("\n");
    // Manifests are JSON text inside the scripts, so their quotes come escaped.
    expect(/\\?"id\\?":\s*\\?"private-notes/.test(all)).toBe(true);
    expect(/\\?"id\\?":\s*\\?"task-tracker-backend/.test(all)).toBe(false);
  });

  it("imports over an untouched default app through the console API, deploys, and is where the first step starts", async () => {
    const sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4 });
    try {
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await sandbox.admin(`${ADMIN}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: response.status, json: await response.json() };
      };
      const fresh = await call("GET", "/tasktracker-sandbox");
      expect(isUntouched(fresh.json)).toBe(true);

      const files = await readAppDirectory(resolve(ROOT, STARTER));
      const imported = await call("POST", "/", { files, sourceName: "notes-course", appId: "tasktracker-sandbox", replace: true });
      expect(imported.status).toBe(200);
      expect(imported.json.app).toMatchObject({ appId: "tasktracker-sandbox", isDefault: true });
      const after = await call("GET", "/tasktracker-sandbox");
      expect(after.json.collections).toEqual([expect.objectContaining({ database: "course", collection: "notes", hasSchema: true })]);
      // Once the app is the course's, a later visit leaves it alone.
      expect(isUntouched(after.json)).toBe(false);

      const { tutorial } = readTutorial("private-notes", resolve(ROOT, COURSE_TUTORIALS));
      expect(filesAtStart((tutorial as Tutorial).steps, 0)).toEqual(files);
    } finally {
      await sandbox.close();
    }
  });
});

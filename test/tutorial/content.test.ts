/**
 * Walks every tutorial of the tutorials folder (TUTORIALS_DIR, default ./tutorials), so a
 * course's own content is held to the same standard as ours:
 * - the manifest and every step's front matter are valid;
 * - each step's check fails on the step's starting state and passes once its solution
 *   is applied (a check that passes at the start could never catch anything);
 * - the step's route, the routes in its prose and the routes of the controls it names
 *   are screens of the console;
 * - the solutions, applied in order, are accepted by the real backend and deploy.
 */
import { afterAll, describe, expect, it } from "vitest";

import { matchScreen } from "../../src/ui/shell/routes.ts";
import { createSandbox, type Sandbox } from "../../src/index.ts";
import { filesAtStart, snapshotAtStart, snapshotSolved } from "../../src/tutorial/state-at.ts";
import type { Tutorial } from "../../src/tutorial/types.ts";
import { freshIndexedDB } from "../helpers/idb.ts";
import { TUTORIALS_DIR, importCheck, readTutorial, tutorialFolders } from "./read-tutorials.ts";

const ADMIN = "http://sandbox.local/api/admin/v3.0/groups/sandbox/apps";

/** Console links in Markdown prose: `[text](#/route)`. */
function proseRoutes(markdown: string): string[] {
  return [...markdown.matchAll(/\]\((#\/[^)\s]*)\)/g)].map((m) => m[1]);
}

function routeExists(route: string): boolean {
  return !matchScreen(route.replace(/^#/, "")).notFound || route === "#/";
}

const folders = tutorialFolders();

describe(`tutorials in ${TUTORIALS_DIR}`, () => {
  it("has at least one tutorial", () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  describe.each(folders)("%s", (folder) => {
    const parsed = readTutorial(folder);

    it("has a valid manifest and valid steps", () => {
      expect(parsed.problems).toEqual([]);
    });

    const tutorial = parsed.tutorial as Tutorial;
    const steps = tutorial?.steps ?? [];

    it.each(steps.map((step, index) => ({ name: step.folder, index })))("$name: links and controls lead to console screens", ({ index }) => {
      const step = steps[index];
      const bad: string[] = [];
      if (!routeExists(step.meta.route)) bad.push(`route ${step.meta.route}`);
      for (const route of proseRoutes(step.body)) if (!routeExists(route)) bad.push(`link ${route} in the prose`);
      for (const control of step.meta.controls) if (!routeExists(control.route)) bad.push(`control "${control.name}" on ${control.route}`);
      expect(bad, "routes that match no screen of src/ui/shell/routes.ts").toEqual([]);
    });

    it.each(steps.map((step, index) => ({ name: step.folder, index })))("$name: its check fails at the start and passes with the solution", async ({ index }) => {
      const step = steps[index];
      const check = await importCheck(folder, step.folder);
      const atStart = check(snapshotAtStart(steps, index));
      expect(atStart.ok, "the check passes before the step is done, so it cannot tell whether it was").toBe(false);
      expect(atStart.problems.length, "a failing check must say what is missing").toBeGreaterThan(0);
      for (const problem of atStart.problems) expect(problem.trim()).not.toBe("");
      const solved = check(snapshotSolved(steps, index));
      expect(solved.problems, "the solution does not pass the step's own check").toEqual([]);
      expect(solved.ok).toBe(true);
    });

    it("imports and deploys in the backend, step after step", async () => {
      const sandbox: Sandbox = await createSandbox({ ...freshIndexedDB(), bcryptCost: 4 });
      afterAll(() => sandbox.close());
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await sandbox.admin(`${ADMIN}${path}`, {
          method,
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: response.status === 204 ? undefined : ((await response.json()) as any) };
      };
      const appId = "tutorial-under-test";
      let created = false;
      for (let index = 0; index < steps.length; index++) {
        const step = steps[index];
        const where = `${folder}/${step.folder}`;
        if (!created) {
          const files = { ...filesAtStart(steps, index), ...step.solution };
          if (Object.keys(files).length === 0) continue;
          const imported = await call("POST", "/", { files, appId, sourceName: folder });
          expect(imported.json.problems ?? [], `${where}: the app is refused on import`).toEqual([]);
          expect(imported.status, `${where}: ${JSON.stringify(imported.json)}`).toBe(200);
          created = true;
        } else {
          if (step.start) {
            const replaced = await call("PUT", `/${appId}/drafts/current`, { files: step.start });
            expect(replaced.status, `${where}: start/ is refused: ${JSON.stringify(replaced.json)}`).toBe(200);
          }
          const patched = await call("PATCH", `/${appId}/drafts/current`, { set: step.solution });
          expect(patched.json.problems ?? [], `${where}: the solution is refused`).toEqual([]);
          expect(patched.status, `${where}: ${JSON.stringify(patched.json)}`).toBe(200);
        }
        const deployed = await call("POST", `/${appId}/deployments`);
        expect(deployed.status, `${where}: the deploy is refused: ${JSON.stringify(deployed.json)}`).toBe(200);
      }
      expect(created, "no step gives the app any files").toBe(true);
    }, 60_000);
  });
});

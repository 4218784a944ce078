/** Builds the site once, checks the bundle budget and serves the build under a sub-path. */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "vite";
import type { TestProject } from "vitest/node";

import { chromium } from "playwright-core";

import { assertChromium, launchOptions } from "./chromium.ts";
import { serveStatic } from "./static-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sandboxUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  const root = fileURLToPath(new URL("../..", import.meta.url));
  await build({ root, configFile: resolve(root, "vite.config.ts"), logLevel: "warn" });
  try {
    const report = execFileSync(process.execPath, [resolve(root, "scripts/check-bundle.mjs"), resolve(root, "dist")], { encoding: "utf8" });
    console.log(report.trimEnd());
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the bundle budget check failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  const server = await serveStatic(resolve(root, "dist"), "/realm-sandbox/");
  project.provide("sandboxUrl", server.url);
  // One Chromium for every test file: the test workers inherit the environment and connect to it.
  const browser = await chromium.launchServer(launchOptions());
  process.env.REALM_SANDBOX_BROWSER_WS = browser.wsEndpoint();
  return async () => {
    await browser.close();
    await server.close();
  };
}

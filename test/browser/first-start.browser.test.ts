/**
 * A first visit caches the site for offline use only once its backend is ready, taking
 * the files it already loaded from the browser's HTTP cache; navigations use navigation
 * preload. A proxy in front of the build counts what reaches the server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { launchChromium, openSandbox, waitForBackend, waitForServiceWorker } from "./chromium.ts";
import { APP_ID, taskTrackerSnapshot } from "./fixtures.ts";

const upstream = inject("sandboxUrl");
let browser: Browser;

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A pass-through server that records every request it forwards to the build. */
async function countingProxy(): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const target = new URL(upstream);
  const server: Server = createServer(async (request, response) => {
    hits.push({ path: request.url ?? "", headers: request.headers });
    const answer = await fetch(new URL(request.url ?? "/", target.origin), { method: request.method });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== "content-encoding" && name !== "transfer-encoding" && name !== "content-length") headers[name] = value;
    });
    response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("the first start", () => {
  it("caches every file once the backend is ready, fetching none of them twice, and turns navigation preload on", async () => {
    const proxy = await countingProxy();
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, proxy.url);
    await waitForServiceWorker(page);
    // The offline copy holds every file of the build (the service worker's manifest).
    const files = await manifestFiles(proxy.url);
    const missing = () =>
      page.evaluate(`(async () => {
        const manifest = ${JSON.stringify(files)};
        const names = (await caches.keys()).filter((name) => name.startsWith("realm-sandbox:"));
        const cached = new Set();
        for (const name of names) for (const request of await (await caches.open(name)).keys()) cached.add(new URL(request.url).pathname);
        return manifest.filter((file) => !cached.has(new URL(file, document.baseURI).pathname)).length;
      })()`);
    await expect.poll(missing, { timeout: 30_000 }).toBe(0);
    const assets = proxy.hits.map((hit) => hit.path).filter((path) => path.includes("/assets/"));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((path, i) => assets.indexOf(path) !== i)).toEqual([]);

    expect(await page.evaluate(`navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()).then((s) => s.enabled)`)).toBe(true);
    proxy.hits.length = 0;
    await page.reload();
    await waitForBackend(page);
    const navigation = proxy.hits.find((hit) => hit.path.endsWith("/"));
    expect(navigation?.headers["service-worker-navigation-preload"]).toBe("true");
    // Nothing else reached the server: every other file came from the offline copy.
    expect(proxy.hits.filter((hit) => hit !== navigation && !hit.path.endsWith("/sw.js"))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    await proxy.close();
  });
});

describe("the regular expression engine, loaded apart from the backend's first chunk", () => {
  it("matches patterns in queries as soon as the backend is ready after a reload", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openSandbox(context, upstream);
    await page.evaluate((text) => (globalThis as any).realmSandbox.importSandbox(text), taskTrackerSnapshot(["Write the tests", "Ship it", "Write docs"]));
    await page.reload();
    await waitForBackend(page);
    const post = (path: string, body: unknown, token?: string) =>
      page.evaluate(
        async ([url, text, bearer]) => {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (bearer) headers.authorization = `Bearer ${bearer}`;
          const response = await (globalThis as any).realmSandbox.fetch(new URL(url, document.baseURI).href, { method: "POST", headers, body: text });
          // Registering answers 201 with no body.
          const answer = await response.text();
          return answer ? JSON.parse(answer) : undefined;
        },
        [`./api/client/v2.0/app/${APP_ID}${path}`, JSON.stringify(body), token ?? ""] as const,
      );
    const credentials = { email: "ada@example.com", password: "correct horse" };
    await post("/auth/providers/local-userpass/register", credentials);
    const { access_token } = await post("/auth/providers/local-userpass/login", { username: credentials.email, password: credentials.password });
    const query = { name: { $regex: "^wr[a-z]+ (the )?t", $options: "i" } };
    const found = await post("/functions/call", { name: "find", service: "mongodb-atlas", arguments: [{ database: "tracker", collection: "tasks", query }] }, access_token);
    const names = (found as { name: string }[]).map((task) => task.name).sort();
    expect(names).toEqual(["Write the tests"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The files the service worker was built to cache, read from sw.js. */
async function manifestFiles(siteUrl: string): Promise<string[]> {
  const code = await (await fetch(new URL("sw.js", siteUrl))).text();
  // The minifier writes the list as an array literal or as one string split on commas.
  const match = /files:\s*(?:(\[[^\]]*\])|`([^`]*)`\.split\(`,`\))/.exec(code);
  if (!match) throw new Error("no precache manifest in sw.js");
  return match[1] ? (JSON.parse(match[1]) as string[]) : match[2].split(",");
}

/**
 * Builds src/sw/sw.ts into `sw.js` at the site's root (a service worker controls only
 * paths at or below its own) as one classic script, with the list of built files to
 * precache written into it, so every new build is a new service worker.
 */
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";

import { build, type Plugin, type ResolvedConfig } from "vite";

interface Manifest {
  version: string;
  files: string[];
}

export function serviceWorker(options: { entry: string }): Plugin {
  let config: ResolvedConfig;
  return {
    name: "realm-sandbox:service-worker",
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      // In development the worker answers the API but caches nothing.
      server.middlewares.use((request, response, next) => {
        if (request.url?.split("?")[0] !== "/sw.js") return next();
        bundle(config.root, options.entry, { version: "dev", files: [] }).then(
          (code) => {
            response.setHeader("content-type", "text/javascript");
            response.setHeader("cache-control", "no-cache");
            response.end(code);
          },
          (error: Error) => next(error),
        );
      });
    },
    // The finished bundle, index.html included (it is emitted late, so not in generateBundle).
    async writeBundle(_options, output) {
      const files = Object.keys(output).filter((name) => !name.endsWith(".map") && !name.startsWith("."));
      const html = output["index.html"];
      const indexHtml = html && html.type === "asset" ? String(html.source) : "";
      if (!indexHtml) this.error("index.html is missing from the bundle: the offline copy would not load");
      const sorted = files.sort();
      const version = createHash("sha256").update(sorted.join("\n")).update(indexHtml).digest("hex").slice(0, 12);
      const code = await bundle(config.root, options.entry, { version, files: sorted });
      await writeFile(resolve(config.root, config.build.outDir, "sw.js"), code);
    },
  };
}

async function bundle(root: string, entry: string, manifest: Manifest): Promise<string> {
  const result = await build({
    root,
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    define: { __SW_MANIFEST__: JSON.stringify(manifest) },
    build: {
      write: false,
      target: "es2022",
      minify: true,
      emptyOutDir: false,
      copyPublicDir: false,
      lib: { entry: resolve(root, entry), formats: ["iife"], name: "realmSandboxServiceWorker", fileName: () => "sw.js" },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if ("output" in output) {
      const chunk = output.output.find((item) => item.type === "chunk");
      if (chunk && chunk.type === "chunk") return chunk.code;
    }
  }
  throw new Error("the service worker build produced no code");
}

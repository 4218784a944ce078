/** A tiny static server for the build, under a sub-path as GitHub Pages serves a project. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  /** The site's URL, ending in the base path. */
  url: string;
  close(): Promise<void>;
}

/**
 * @param overrides file text to serve instead of the file's, by path below the base
 *   (a later deploy, as seen by browsers that visited before)
 */
export async function serveStatic(root: string, basePath = "/realm-sandbox/", overrides = new Map<string, string>()): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (path === basePath.slice(0, -1)) {
      response.writeHead(301, { location: basePath }).end();
      return;
    }
    if (!path.startsWith(basePath)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const relative = path.slice(basePath.length) || "index.html";
    const override = overrides.get(relative);
    if (override !== undefined) {
      response.writeHead(200, { "content-type": TYPES[extname(relative)] ?? "application/octet-stream", "cache-control": "no-cache" }).end(override);
      return;
    }
    const file = normalize(join(root, relative));
    if (!file.startsWith(normalize(root) + sep)) {
      response.writeHead(403).end();
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      // As static hosts do for unhashed files: revalidate, so a new sw.js is seen.
      "cache-control": relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The offline copy of the site: every built file is cached on install; navigations go
 * to the network first (so a new build shows up at once) and fall back to the cached
 * page; other files of the site come from the cache first.
 */
import type { PrecacheManifest } from "./types.ts";

export class Precache {
  private readonly prefix: string;
  private readonly name: string;

  constructor(
    private readonly manifest: PrecacheManifest,
    private readonly scope: string,
  ) {
    // Several sandboxes on one origin share CacheStorage: keep each to its own scope.
    this.prefix = `realm-sandbox:${new URL(scope).pathname}:`;
    this.name = `${this.prefix}${manifest.version}`;
  }

  get enabled(): boolean {
    return this.manifest.files.length > 0;
  }

  async install(): Promise<void> {
    if (!this.enabled) return;
    const cache = await caches.open(this.name);
    await cache.addAll(this.manifest.files.map((file) => new Request(new URL(file, this.scope), { cache: "reload" })));
  }

  /** Drops the caches of earlier versions once this one is active. */
  async activate(): Promise<void> {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(this.prefix) && name !== this.name).map((name) => caches.delete(name)));
  }

  /** Whether this request is for the site itself (not the API, not another origin). */
  handles(request: Request): boolean {
    if (!this.enabled || request.method !== "GET") return false;
    return request.url.startsWith(this.scope);
  }

  async respond(request: Request): Promise<Response> {
    const cache = await caches.open(this.name);
    if (request.mode === "navigate") {
      try {
        return await fetch(request);
      } catch (error) {
        const page = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(new URL("index.html", this.scope).href));
        if (page) return page;
        throw error;
      }
    }
    const cached = await cache.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone()).catch(() => undefined);
    return response;
  }
}

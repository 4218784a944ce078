/**
 * The offline copy of the site. A first visit caches nothing while the page and its
 * backend start: once the backend is ready the page asks (`fill`), and the files come
 * from the browser's HTTP cache where that visit just fetched them. Navigations go to
 * the network first (through navigation preload, so the service worker's start-up and
 * the page's request overlap) and fall back to the cached page; other files of the site
 * come from the cache first.
 */
import type { PrecacheManifest } from "./types.ts";

/** Built files whose names carry a content hash: a copy in the HTTP cache is never stale. */
const HASHED = /^assets\//;

export class Precache {
  private readonly prefix: string;
  private readonly name: string;
  private filling: Promise<void> | undefined;

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

  /**
   * Caches every file of this version that is not cached yet; once at a time, and safe
   * to repeat (a service worker stopped half-way resumes where it was).
   */
  fill(): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    return (this.filling ??= this.fillMissing().finally(() => (this.filling = undefined)));
  }

  /**
   * Drops the caches of earlier versions once this one is active. Returns whether there
   * were any: then this is an update, and the new version's files may be cached at once.
   */
  async activate(): Promise<boolean> {
    const names = await caches.keys();
    const earlier = names.filter((name) => name.startsWith(this.prefix) && name !== this.name);
    await Promise.all(earlier.map((name) => caches.delete(name)));
    return earlier.length > 0;
  }

  /** Whether this request is for the site itself (not the API, not another origin). */
  handles(request: Request): boolean {
    if (!this.enabled || request.method !== "GET") return false;
    return request.url.startsWith(this.scope);
  }

  /** @param preloaded the navigation preload response, when the browser made one */
  async respond(request: Request, preloaded?: Promise<Response | undefined>): Promise<Response> {
    if (request.mode === "navigate") {
      try {
        return (await preloaded?.catch(() => undefined)) ?? (await fetch(request));
      } catch (error) {
        const cache = await caches.open(this.name);
        const page = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(new URL("index.html", this.scope).href));
        if (page) return page;
        throw error;
      }
    }
    const cache = await caches.open(this.name);
    const cached = await cache.match(request);
    if (cached) return cached;
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone()).catch(() => undefined);
    return response;
  }

  private async fillMissing(): Promise<void> {
    const cache = await caches.open(this.name);
    const cached = new Set((await cache.keys()).map((request) => request.url));
    const missing = this.manifest.files.map((file) => ({ file, url: new URL(file, this.scope).href })).filter(({ url }) => !cached.has(url));
    // Hashed files may come from the HTTP cache as they are; the others are revalidated (a 304 when unchanged).
    await Promise.all(missing.map(({ file, url }) => cache.add(new Request(url, { cache: HASHED.test(file) ? "default" : "no-cache" }))));
  }
}

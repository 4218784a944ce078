/**
 * The service worker: answers the client HTTP API (realm-web, Apollo) for the pages it
 * controls by forwarding each request to the tab Worker that runs the backend, and
 * keeps the site working offline.
 */
import { errorResponse } from "./error-response.ts";
import { isClientApiRequest } from "./api-routes.ts";
import { LeaderLink } from "./leader-link.ts";
import { Precache } from "./precache.ts";
import type { PrecacheManifest, ServiceWorkerScope } from "./types.ts";
import { isLeaderPortMessage } from "../worker/protocol.ts";

declare const __SW_MANIFEST__: PrecacheManifest;

const sw = self as unknown as ServiceWorkerScope;
const scope = sw.registration.scope;
const basePath = new URL(scope).pathname;
const precache = new Precache(__SW_MANIFEST__, scope);
const link = new LeaderLink(basePath);

sw.addEventListener("install", (event) => {
  // Take over at once: the first visit is controlled without a reload. Its files are cached
  // later, once its backend is ready (the page posts "precache"), so they do not slow its start.
  event.waitUntil(sw.skipWaiting());
});

sw.addEventListener("activate", (event) => {
  const activated = precache.activate();
  const preload = precache.enabled ? sw.registration.navigationPreload?.enable() : undefined;
  event.waitUntil(Promise.all([sw.clients.claim(), activated, preload]));
  // An update: the new version's files are cached now, not at the next visit.
  void activated.then((update) => (update ? precache.fill() : undefined)).catch(() => undefined);
});

// A page that loaded while this worker was activating can miss the claim above; it asks again.
sw.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(sw.clients.claim());
  else if (event.data === "precache") event.waitUntil(precache.fill().catch(() => undefined));
  else if (isLeaderPortMessage(event.data)) link.adoptPort(event.data, event.ports[0]);
});

sw.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (isClientApiRequest(url, location.origin, basePath)) {
    event.respondWith(answerApi(request));
  } else if (precache.handles(request)) {
    event.respondWith(precache.respond(request, event.preloadResponse));
  }
});

async function answerApi(request: Request): Promise<Response> {
  const cors = corsHeaders(request);
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
  try {
    return await link.fetch(request, cors);
  } catch (error) {
    return errorResponse(503, (error as Error).message, cors);
  }
}

/** What a real App Services host would send a cross-origin caller. */
function corsHeaders(request: Request): Record<string, string> | undefined {
  const origin = request.headers.get("origin");
  if (!origin && new URL(request.url).origin === location.origin) return undefined;
  return {
    "access-control-allow-origin": origin ?? "*",
    "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "authorization, content-type",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    ...(origin ? { "access-control-allow-credentials": "true", vary: "Origin" } : {}),
  };
}

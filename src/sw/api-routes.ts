/** Which requests are the client HTTP API that the sandbox answers instead of the network. */

/**
 * The App Services hosts realm-web, Apollo and older SDKs call, the HTTPS endpoint host
 * (`data.mongodb-api.com`) and the old webhook hosts, and their regional subdomains
 * (`us-east-1.aws.data.mongodb-api.com`).
 */
const HOSTS = [
  "services.cloud.mongodb.com",
  "realm.mongodb.com",
  "stitch.mongodb.com",
  "data.mongodb-api.com",
  "webhooks.mongodb-realm.com",
  "webhooks.mongodb-stitch.com",
];

const CLIENT_API = "api/client/v2.0/";
/** `app/<appId>/endpoint`, then the route. */
const ENDPOINT_PATH = /^app\/[^/]+\/endpoint(\/|$)/;

export function isAppServicesHost(hostname: string): boolean {
  return HOSTS.some((host) => hostname === host || hostname.endsWith(`.${host}`));
}

/**
 * Every request to an App Services host, and same-origin requests under
 * `/api/client/v2.0/` or to `/app/<appId>/endpoint/…`, at the origin's root or below
 * the sandbox's base path.
 */
export function isClientApiRequest(url: URL, origin: string, basePath: string): boolean {
  if (isAppServicesHost(url.hostname)) return true;
  if (url.origin !== origin) return false;
  for (const prefix of new Set(["/", basePath])) {
    if (!url.pathname.startsWith(prefix)) continue;
    const rest = url.pathname.slice(prefix.length);
    if (rest.startsWith(CLIENT_API) || ENDPOINT_PATH.test(rest)) return true;
  }
  return false;
}

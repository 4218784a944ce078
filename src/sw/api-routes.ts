/** Which requests are the client HTTP API that the sandbox answers instead of the network. */

/** The App Services hosts realm-web, Apollo and older SDKs call, and their regional subdomains. */
const HOSTS = ["services.cloud.mongodb.com", "realm.mongodb.com", "stitch.mongodb.com"];

const CLIENT_API = "api/client/v2.0/";

export function isAppServicesHost(hostname: string): boolean {
  return HOSTS.some((host) => hostname === host || hostname.endsWith(`.${host}`));
}

/**
 * Every request to an App Services host, and same-origin requests under
 * `/api/client/v2.0/` at the origin's root or below the sandbox's base path.
 */
export function isClientApiRequest(url: URL, origin: string, basePath: string): boolean {
  if (isAppServicesHost(url.hostname)) return true;
  if (url.origin !== origin) return false;
  return url.pathname.startsWith(`/${CLIENT_API}`) || url.pathname.startsWith(`${basePath}${CLIENT_API}`);
}

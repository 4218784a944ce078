/**
 * Which requests are HTTPS endpoint or incoming webhook calls. Endpoints live outside
 * the client API prefix (`https://data.mongodb-api.com/app/<id>/endpoint/<route>`, its
 * regional hosts, or `<base>/app/<id>/endpoint/<route>` on the sandbox's origin);
 * webhooks inside it (`…/api/client/v2.0/app/<id>/service/<svc>/incoming_webhook/<name>`).
 */

export type EndpointTarget =
  | { kind: "endpoint"; appId: string; route: string; base: string }
  | { kind: "webhook"; appId: string; service: string; name: string; base: string };

const ENDPOINT_PATH = /^(.*?)\/app\/([^/]+)\/endpoint(\/.*)?$/;
const WEBHOOK_PATH = /^(.*?)\/api\/client\/v2\.0\/app\/([^/]+)\/service\/([^/]+)\/incoming_webhook\/([^/]+)\/?$/;

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function matchEndpointUrl(url: URL): EndpointTarget | undefined {
  const webhook = WEBHOOK_PATH.exec(url.pathname);
  if (webhook) {
    const [, prefix, appId, service, name] = webhook;
    return { kind: "webhook", appId: decode(appId), service: decode(service), name: decode(name), base: url.origin + prefix };
  }
  const endpoint = ENDPOINT_PATH.exec(url.pathname);
  if (endpoint) {
    const [, prefix, appId, route] = endpoint;
    return { kind: "endpoint", appId: decode(appId), route: route ? decode(route) : "/", base: url.origin + prefix };
  }
  return undefined;
}

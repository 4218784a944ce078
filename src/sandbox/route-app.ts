/**
 * Which app a request is for. Client API and endpoint URLs name it
 * (`…/app/<appId>/…`); session routes (`/auth/session`, `/auth/profile`) do not, and
 * are tied to an app by the domain id in their bearer token.
 */
export function appIdInPath(pathname: string): string | undefined {
  const match = /\/api\/client\/v2\.0\/app\/([^/]+)/.exec(pathname) ?? /\/app\/([^/]+)\/endpoint(?:\/|$)/.exec(pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The `baas_domain_id` claim of a bearer token, read without checking it (the app's handler does). */
export function tokenDomainId(authorization: string | null): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as Record<string, unknown>;
    return typeof claims.baas_domain_id === "string" ? claims.baas_domain_id : undefined;
  } catch {
    return undefined;
  }
}

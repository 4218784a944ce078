/** How the Deployment screen names versions and how they came to be. */
import type { Deployment } from "../../state/deployment-api.ts";

const ORIGIN: Record<Deployment["origin"], string> = {
  UI: "Deployed from the console",
  import: "Imported app directory",
  template: "Created from a template",
  redeploy: "Redeployed an earlier version",
};

export function originLabel(origin: Deployment["origin"]): string {
  return ORIGIN[origin] ?? origin;
}

/** The last 6 hex digits of the id: unique enough to tell versions apart at a glance. */
export function shortId(id: string): string {
  return id.slice(-6);
}

export function deployedTime(entry: Deployment): string {
  return new Date(entry.deployed_at * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

export function changeSummary(entry: Deployment): string {
  const { added, modified, removed } = entry.diff;
  const parts = [
    added.length ? `${added.length} added` : "",
    modified.length ? `${modified.length} modified` : "",
    removed.length ? `${removed.length} removed` : "",
  ].filter(Boolean);
  return parts.length ? `${parts.join(", ")} ${added.length + modified.length + removed.length === 1 ? "file" : "files"}` : "no file changed";
}
